package io.stave.interfaces.rest.dto;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** The decisions of a batch, in the order of its requests. */
@XmlRootElement(name = "batchResult")
@XmlAccessorType(XmlAccessType.FIELD)
public class BatchView {
  @XmlElement(name = "result")
  public List<DecisionView> results = new ArrayList<>();
}
