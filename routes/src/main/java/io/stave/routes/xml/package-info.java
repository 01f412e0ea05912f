/**
 * The one place XML parsers for feed messages are made: no DOCTYPE, no external entity or schema,
 * and caps on depth, attributes and names, so a hostile message fails fast with a located problem.
 */
package io.stave.routes.xml;
