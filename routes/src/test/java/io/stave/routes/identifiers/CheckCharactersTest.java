package io.stave.routes.identifiers;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckCharactersTest {
  @ParameterizedTest
  @ValueSource(strings = {"0000000121032683", "000000012146438X", "0000 0001 2146 438X"})
  void valid_isnis_pass(String isni) {
    assertNull(CheckCharacters.isniProblem(isni));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0000000121032684", "000000012146438Y", "12345"})
  void isnis_with_a_wrong_check_character_or_shape_are_named(String isni) {
    assertTrue(CheckCharacters.isniProblem(isni).contains(isni));
  }

  @ParameterizedTest
  // the senders of DDEX's own samples
  @ValueSource(
      strings = {
        "PADPIDA2013042401U",
        "PADPIDA2009101501Y",
        "PADPIDA2007050901U",
        "PADPIDA2014120401D"
      })
  void valid_dpids_pass(String dpid) {
    assertNull(CheckCharacters.dpidProblem(dpid));
  }

  @ParameterizedTest
  @ValueSource(strings = {"PADPIDA2013042401V", "PADPIDA201304240", "XADPIDA2013042401U"})
  void dpids_with_a_wrong_check_character_or_shape_are_named(String dpid) {
    assertTrue(CheckCharacters.dpidProblem(dpid).contains(dpid));
  }

  @ParameterizedTest
  @ValueSource(strings = {"00094631432057", "5099962136853", "036000291452"})
  void valid_icpns_pass(String icpn) {
    assertNull(CheckCharacters.icpnProblem(icpn));
  }

  @ParameterizedTest
  @ValueSource(strings = {"123123123123", "00094631432058", "12345"})
  void icpns_with_a_wrong_check_digit_or_shape_are_named(String icpn) {
    assertTrue(CheckCharacters.icpnProblem(icpn).contains(icpn));
  }
}
