/**
 * The consent and split-sheet feeds (CSV and JSON): each record read field by field into a consent
 * or a share of a sheet, with every bad field of a message listed at once.
 */
package io.stave.routes.rights;
