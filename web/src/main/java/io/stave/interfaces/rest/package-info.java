/**
 * The HTTP API (JSON by default, XML through JAXB). Resources are thin: validate the body, convert
 * it to domain values, call one application service, convert the result back. Errors are RFC 9457
 * problem documents naming each bad field, never stack traces.
 */
package io.stave.interfaces.rest;
