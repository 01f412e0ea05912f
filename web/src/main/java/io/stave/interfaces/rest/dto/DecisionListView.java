package io.stave.interfaces.rest.dto;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** One page of the decision log, newest first. */
@XmlRootElement(name = "decisions")
@XmlAccessorType(XmlAccessType.FIELD)
public class DecisionListView {
  @XmlElement(name = "decision")
  public List<DecisionView> decisions = new ArrayList<>();

  public int offset;
  public int limit;
  public boolean more;
}
