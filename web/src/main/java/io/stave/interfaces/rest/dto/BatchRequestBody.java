package io.stave.interfaces.rest.dto;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.List;

/** Up to 1,000 decision requests, answered in the same order. */
@XmlRootElement(name = "batch")
@XmlAccessorType(XmlAccessType.FIELD)
public class BatchRequestBody {
  @XmlElement(name = "request")
  public List<DecisionRequestBody> requests;

  /** A stored policy version for every request of the batch: a dry run, not logged. */
  public Long policyVersion;
}
