/**
 * Records of the tabular feeds, whether a CSV row (RFC 4180, with a header) or a JSON object, each
 * able to say where one of its fields is (line and column, or JSON path) when it is wrong.
 */
package io.stave.routes.tabular;
