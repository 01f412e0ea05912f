/**
 * RFC 9457 problem documents and the exception mappers that turn every error into one, naming each
 * bad field; clients never see a stack trace.
 */
package io.stave.interfaces.rest.problem;
