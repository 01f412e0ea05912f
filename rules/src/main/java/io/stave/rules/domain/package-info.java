/**
 * The business of Stave as plain Java: recordings, deals, artist consents, split sheets and the
 * questions AI features ask about them. Value objects refuse bad values in their constructors, so a
 * fact that exists is a fact that makes sense; the rules and the server both build on them.
 */
package io.stave.rules.domain;
