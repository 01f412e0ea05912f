/**
 * DDEX ERN 4.3 and 4.3.2: the hardened, schema-validated reader into the JAXB classes generated
 * from DDEX's XSDs, one adapter per version onto the elements Stave reads, and the mapping of a
 * {@code NewReleaseMessage} or {@code PurgeReleaseMessage} to catalogue facts (recordings, parties
 * under stable ids, deals with their use types, rights-controller split sheets).
 */
package io.stave.routes.ern;
