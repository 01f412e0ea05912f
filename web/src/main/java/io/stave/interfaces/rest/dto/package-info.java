/**
 * What the API reads and writes, for JSON-B and JAXB alike: plain fields, no behaviour. Conversion
 * to domain values lives in the resources' package.
 */
package io.stave.interfaces.rest.dto;
