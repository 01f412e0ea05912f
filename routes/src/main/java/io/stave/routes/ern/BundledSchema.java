package io.stave.routes.ern;

import java.io.InputStream;
import java.io.Reader;
import org.w3c.dom.ls.LSInput;

/** A schema Stave ships, handed to the schema factory as a stream so nothing is fetched. */
final class BundledSchema implements LSInput {
  private InputStream stream;
  private String systemId;

  BundledSchema(InputStream stream, String systemId) {
    this.stream = stream;
    this.systemId = systemId;
  }

  @Override
  public Reader getCharacterStream() {
    return null;
  }

  @Override
  public void setCharacterStream(Reader characterStream) {}

  @Override
  public InputStream getByteStream() {
    return stream;
  }

  @Override
  public void setByteStream(InputStream byteStream) {
    this.stream = byteStream;
  }

  @Override
  public String getStringData() {
    return null;
  }

  @Override
  public void setStringData(String stringData) {}

  @Override
  public String getSystemId() {
    return systemId;
  }

  @Override
  public void setSystemId(String systemId) {
    this.systemId = systemId;
  }

  @Override
  public String getPublicId() {
    return null;
  }

  @Override
  public void setPublicId(String publicId) {}

  @Override
  public String getBaseURI() {
    return null;
  }

  @Override
  public void setBaseURI(String baseURI) {}

  @Override
  public String getEncoding() {
    return null;
  }

  @Override
  public void setEncoding(String encoding) {}

  @Override
  public boolean getCertifiedText() {
    return false;
  }

  @Override
  public void setCertifiedText(boolean certifiedText) {}
}
