/**
 * The policy lifecycle as policy authors and approvers live it: drafts made from rule sources,
 * validated (guard, compiler, lint), tested against their scenarios, measured against the logged
 * decisions (impact), submitted, approved by someone else, activated on every node, rolled back.
 * Every step is audited.
 */
package io.stave.application.authoring;
