package io.stave.interfaces.rest.dto;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlValue;
import jakarta.xml.bind.annotation.adapters.XmlAdapter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A string map in XML as {@code <entry key="tier">premium</entry>} elements; JSON keeps an object.
 */
public class StringMapAdapter extends XmlAdapter<StringMapAdapter.Entries, Map<String, String>> {

  /** The XML form of a string map. */
  @XmlAccessorType(XmlAccessType.FIELD)
  public static class Entries {
    @XmlElement(name = "entry")
    public List<Entry> entries = new ArrayList<>();
  }

  /** One key and its value. */
  @XmlAccessorType(XmlAccessType.FIELD)
  public static class Entry {
    @XmlAttribute(name = "key")
    public String key;

    @XmlValue public String value;
  }

  @Override
  public Map<String, String> unmarshal(Entries xml) {
    Map<String, String> map = new LinkedHashMap<>();
    if (xml != null) {
      for (Entry entry : xml.entries) {
        map.put(entry.key, entry.value);
      }
    }
    return map;
  }

  @Override
  public Entries marshal(Map<String, String> map) {
    if (map == null) {
      return null;
    }
    Entries xml = new Entries();
    map.forEach(
        (key, value) -> {
          Entry entry = new Entry();
          entry.key = key;
          entry.value = value;
          xml.entries.add(entry);
        });
    return xml;
  }
}
