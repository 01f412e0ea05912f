package io.stave.interfaces.rest.dto;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.adapters.XmlJavaTypeAdapter;
import java.util.Map;

/** A decision request as clients send it; checked field by field by {@link RequestConversion}. */
@XmlRootElement(name = "decisionRequest")
@XmlAccessorType(XmlAccessType.FIELD)
public class DecisionRequestBody {
  public String requestId;
  public String feature;
  public String useType;
  public String isrc;
  public String territory;

  /** ISO-8601 instant; now when absent. */
  public String at;

  @XmlJavaTypeAdapter(StringMapAdapter.class)
  public Map<String, String> context;

  /**
   * A stored policy version to evaluate against instead of the active one: a dry run, not logged.
   */
  public Long policyVersion;
}
