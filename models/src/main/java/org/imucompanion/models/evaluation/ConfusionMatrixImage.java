package org.imucompanion.models.evaluation;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws a confusion matrix as a PNG: rows are true classes, columns predicted, each cell shaded
 * by its share of the row (recall on the diagonal) and labelled with its count. Plain AWT, so it
 * works headless ({@code -Djava.awt.headless=true}) and without JavaFX.
 */
public final class ConfusionMatrixImage {
  /** Edge of one cell in pixels. */
  public static final int CELL = 80;
  /** Width of the row-label margin and height of the column-label margin. */
  public static final int MARGIN = 100;

  private ConfusionMatrixImage() {}

  /**
   * Renders the matrix.
   *
   * @param report the report whose matrix to draw
   * @param title drawn at the top
   * @return an image of {@code MARGIN + n*CELL} square pixels
   */
  public static BufferedImage render(ClassificationReport report, String title) {
    List<String> classes = report.classes();
    long[][] m = report.confusion();
    int n = classes.size();
    int size = MARGIN + n * CELL;
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
          RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, size, size);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      g.setColor(Color.BLACK);
      g.drawString(title, 4, 14);
      g.drawString("true \u2193 / predicted \u2192", 4, MARGIN - 30);
      for (int t = 0; t < n; t++) {
        long rowSum = 0;
        for (long v : m[t]) {
          rowSum += v;
        }
        g.setColor(Color.BLACK);
        g.drawString(classes.get(t), 4, MARGIN + t * CELL + CELL / 2);
        g.drawString(classes.get(t), MARGIN + t * CELL + 4, MARGIN - 8);
        for (int p = 0; p < n; p++) {
          double share = rowSum == 0 ? 0 : (double) m[t][p] / rowSum;
          int shade = (int) Math.round(255 * (1 - share));
          g.setColor(new Color(shade, shade, 255));
          int x = MARGIN + p * CELL;
          int y = MARGIN + t * CELL;
          g.fillRect(x, y, CELL, CELL);
          g.setColor(Color.GRAY);
          g.drawRect(x, y, CELL - 1, CELL - 1);
          g.setColor(share > 0.5 ? Color.WHITE : Color.BLACK);
          g.drawString(Long.toString(m[t][p]), x + 6, y + CELL / 2);
        }
      }
    } finally {
      g.dispose();
    }
    return img;
  }

  /**
   * Renders the matrix and writes it as PNG.
   *
   * @param report the report
   * @param title drawn at the top
   * @param file where to write
   * @throws IOException if writing fails
   */
  public static void write(ClassificationReport report, String title, Path file)
      throws IOException {
    if (!ImageIO.write(render(report, title), "png", file.toFile())) {
      throw new IOException("no PNG writer available");
    }
  }
}
