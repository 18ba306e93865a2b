package org.imucompanion.models.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfusionMatrixImageTest {
  @TempDir Path dir;

  @Test
  void writesAPngWhoseCellsAreShadedByTheirShareOfTheRow() throws IOException {
    System.setProperty("java.awt.headless", "true");
    ClassificationReport r = new ClassificationReport(List.of("A", "B", "C"),
        new long[][] {{10, 0, 0}, {5, 5, 0}, {0, 0, 0}});
    Path png = dir.resolve("cm.png");
    ConfusionMatrixImage.write(r, "test", png);

    BufferedImage img = ImageIO.read(Files.newInputStream(png));
    int size = ConfusionMatrixImage.MARGIN + 3 * ConfusionMatrixImage.CELL;
    assertThat(img.getWidth()).isEqualTo(size);
    assertThat(img.getHeight()).isEqualTo(size);
    // Sample a corner of each cell, away from the count's text.
    int full = cell(img, 0, 0);
    int half = cell(img, 1, 0);
    int empty = cell(img, 0, 1);
    assertThat(full).isNotEqualTo(half).isNotEqualTo(empty);
    assertThat(half).isNotEqualTo(empty);
    assertThat(full & 0xff0000).isLessThan(half & 0xff0000);
  }

  private static int cell(BufferedImage img, int row, int col) {
    return img.getRGB(ConfusionMatrixImage.MARGIN + col * ConfusionMatrixImage.CELL
        + ConfusionMatrixImage.CELL - 5, ConfusionMatrixImage.MARGIN + row * ConfusionMatrixImage.CELL + 5) & 0xffffff;
  }
}
