package io.mocks3.faults.agent;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A response's servlet stream whose bytes pass through {@code through} (a fault that mangles them, a
 * digest that hashes them), which writes them on to the response's own stream {@code out}.
 */
public final class ServletOutputThrough extends ServletOutputStream {
  private final ServletOutputStream out;
  private final OutputStream through;

  public ServletOutputThrough(ServletOutputStream out, OutputStream through) {
    this.out = out;
    this.through = through;
  }

  @Override
  public void write(int b) throws IOException {
    through.write(b);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    through.write(bytes, offset, length);
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  @Override
  public boolean isReady() {
    return out.isReady();
  }

  @Override
  public void setWriteListener(WriteListener listener) {
    out.setWriteListener(listener);
  }
}
