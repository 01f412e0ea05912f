package io.stave.interfaces.rest;

/**
 * The examples of the OpenAPI document, as a client sends and gets them. ObservabilityIT sends
 * every request example to the real server and validates every JSON example against its schema, so
 * they stay true.
 */
final class ApiExamples {
  private ApiExamples() {}

  static final String DECISION_REQUEST_JSON =
      """
      {
        "requestId": "dj-session-42",
        "feature": "ai-dj",
        "useType": "AI_CURATION",
        "isrc": "GBQZS2600000",
        "territory": "SE",
        "context": {"tier": "premium"}
      }""";

  static final String DECISION_REQUEST_XML =
      """
      <decisionRequest>
        <requestId>dj-session-42</requestId>
        <feature>ai-dj</feature>
        <useType>AI_CURATION</useType>
        <isrc>GBQZS2600000</isrc>
        <territory>SE</territory>
        <context><entry key="tier">premium</entry></context>
      </decisionRequest>""";

  static final String PERMIT_JSON =
      """
      {
        "decisionId": "0b9a3c1e-52f4-4d7e-9a51-6f0f1d7c2b10",
        "requestId": "dj-session-42",
        "decision": "PERMIT",
        "reasons": [
          {
            "code": "LICENSED",
            "rule": "A streaming deal covers AI curation, since the listener hears the unmodified recording",
            "message": "Deal R0-D1 of dpid:PADPIDA2026112401E covers AI_CURATION of GBQZS2600000 in SE on 2026-12-02."
          },
          {
            "code": "DEFAULT_SPLIT",
            "rule": "Without a delivered split sheet, the licensor under the licensing deal is paid in full",
            "message": "No split sheet covers GBQZS2600000; the licensor is paid 100%."
          }
        ],
        "obligations": [
          {"type": "ATTRIBUTE", "attributes": {"displayArtist": "Demo Artist 0"}},
          {"type": "REPORT_USAGE", "attributes": {"splitId": "default:R0-D1"}}
        ],
        "split": {
          "splitId": "default:R0-D1",
          "shares": [{"partyId": "dpid:PADPIDA2026112401E", "role": "LICENSOR", "percent": "100.00"}]
        },
        "policyVersion": 1,
        "evaluatedAt": "2026-12-02T10:00:00.123Z"
      }""";

  static final String PERMIT_XML =
      """
      <decision>
        <decisionId>0b9a3c1e-52f4-4d7e-9a51-6f0f1d7c2b10</decisionId>
        <requestId>dj-session-42</requestId>
        <decision>PERMIT</decision>
        <reasons>
          <reason>
            <code>LICENSED</code>
            <rule>A streaming deal covers AI curation, since the listener hears the unmodified recording</rule>
            <message>Deal R0-D1 of dpid:PADPIDA2026112401E covers AI_CURATION of GBQZS2600000 in SE on 2026-12-02.</message>
          </reason>
        </reasons>
        <obligations>
          <obligation><type>ATTRIBUTE</type><attributes><entry key="displayArtist">Demo Artist 0</entry></attributes></obligation>
        </obligations>
        <split>
          <splitId>default:R0-D1</splitId>
          <shares><share><partyId>dpid:PADPIDA2026112401E</partyId><role>LICENSOR</role><percent>100.00</percent></share></shares>
        </split>
        <policyVersion>1</policyVersion>
        <evaluatedAt>2026-12-02T10:00:00.123Z</evaluatedAt>
      </decision>""";

  static final String DENY_JSON =
      """
      {
        "decisionId": "5d0c7f8e-1a2b-4c3d-8e9f-0a1b2c3d4e5f",
        "requestId": "train-7",
        "decision": "DENY",
        "reasons": [
          {
            "code": "NO_ARTIST_CONSENT",
            "rule": "A use that needs opt-in is denied unless every main artist opted in",
            "message": "AI_TRAINING of GBQZS2600003 needs the opt-in of every main artist; isni:0000000500000035 has not opted in."
          }
        ],
        "obligations": [],
        "policyVersion": 1,
        "evaluatedAt": "2026-12-02T10:00:01.456Z"
      }""";

  static final String BATCH_REQUEST_JSON =
      """
      {
        "requests": [
          {"feature": "ai-dj", "useType": "AI_CURATION", "isrc": "GBQZS2600000", "territory": "SE"},
          {"feature": "ai-dj", "useType": "AI_VOICEOVER", "isrc": "GBQZS2600001", "territory": "SE"}
        ]
      }""";

  static final String BATCH_REQUEST_XML =
      """
      <batch>
        <request><feature>ai-dj</feature><useType>AI_CURATION</useType><isrc>GBQZS2600000</isrc><territory>SE</territory></request>
        <request><feature>ai-dj</feature><useType>AI_VOICEOVER</useType><isrc>GBQZS2600001</isrc><territory>SE</territory></request>
      </batch>""";

  static final String CONSENTS_CSV =
      """
      artist,useType,choice,effectiveFrom,source
      isni:0000000500000008,AI_TRAINING,OPT_IN,2026-01-01,demo label portal
      """;

  static final String SPLITS_CSV =
      """
      isrc,useType,party,role,percent
      GBQZS2600000,AI_TRAINING,dpid:PADPIDA2026112401E,LABEL,50.00
      GBQZS2600000,AI_TRAINING,isni:0000000500000008,MAIN_ARTIST,50.00
      """;

  static final String FEED_RECEIPT_JSON =
      """
      {
        "messageId": "consents:3f1d2a9c5b7e",
        "kind": "consents",
        "format": "CSV",
        "channel": "HTTP",
        "sourceName": "http:feeds",
        "status": "APPLIED",
        "duplicate": false,
        "summary": "1 consent",
        "problems": [],
        "warnings": [],
        "receivedAt": "2026-12-02T10:00:00Z",
        "decidedAt": "2026-12-02T10:00:00.2Z"
      }""";

  static final String POLICY_DRAFT_JSON =
      """
      {
        "basedOn": 1,
        "description": "Training needs a split sheet in every territory",
        "files": {}
      }""";
}
