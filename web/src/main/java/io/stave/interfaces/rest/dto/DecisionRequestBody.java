package io.stave.interfaces.rest.dto;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.adapters.XmlJavaTypeAdapter;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A decision request as clients send it; checked field by field by {@link RequestConversion}. */
@XmlRootElement(name = "decisionRequest")
@XmlAccessorType(XmlAccessType.FIELD)
@Schema(
    name = "DecisionRequest",
    description =
        "Whether an AI feature may use a recording. A field not listed here, or one named twice,"
            + " is a 400 naming it; only context is free-form.")
public class DecisionRequestBody {
  @Schema(description = "The client's own id for the request, echoed in the decision")
  public String requestId;

  @Schema(description = "The AI feature asking, e.g. ai-dj, ai-playlist")
  public String feature;

  @Schema(
      required = true,
      enumeration = {
        "AI_CURATION",
        "AI_VOICEOVER",
        "AI_ANALYSIS",
        "AI_DERIVATIVE",
        "AI_VOICE_LIKENESS",
        "AI_TRAINING"
      })
  public String useType;

  @Schema(
      required = true,
      description = "ISRC, 12 characters without dashes",
      pattern = "^[A-Za-z]{2}-?[A-Za-z0-9]{3}-?[0-9]{2}-?[0-9]{5}$")
  public String isrc;

  @Schema(required = true, description = "ISO 3166-1 alpha-2 territory of the listener")
  public String territory;

  @Schema(
      description = "ISO-8601 instant of the use, in the years 0001 to 9999 (UTC); now when absent",
      format = "date-time")
  public String at;

  @XmlJavaTypeAdapter(StringMapAdapter.class)
  @Schema(description = "Free-form context the rules may read, e.g. tier")
  public Map<String, String> context;

  /**
   * A stored policy version to evaluate against instead of the active one: a dry run, not logged.
   */
  public Long policyVersion;
}
