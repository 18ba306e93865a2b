package org.imucompanion.models.dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of comma-separated text split into cells, the one CSV tokenizer of the project (the
 * dataset readers and the session store's CSV import both use it, so a file the store exports
 * reads back the same way a dataset file does).
 *
 * <p>A double quote at the start of a cell opens a quoted cell, in which commas are text and a
 * doubled quote is one quote (RFC 4180). A quote anywhere else is an ordinary character: files
 * re-saved by hand often carry one (an inch mark in a note) and must not shift columns. A quoted
 * cell still open at the end of the line is reported, not guessed at: the store refuses it with
 * the line and column, the lenient dataset readers keep what was read.
 *
 * @param cells the cells, unquoted, left to right; at least one (an empty line is one empty cell)
 * @param unterminatedQuote whether the last cell's opening quote was never closed
 */
public record CsvLine(List<String> cells, boolean unterminatedQuote) {
  /** Copies the cells so the record stays immutable. */
  public CsvLine {
    cells = List.copyOf(cells);
  }

  /**
   * Splits one line (without its line terminator).
   *
   * @param line the text of the line
   * @return its cells and whether a quoted cell was left open
   */
  public static CsvLine parse(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cell.append(ch);
        }
      } else if (ch == '"' && cell.length() == 0) {
        quoted = true;
      } else if (ch == ',') {
        out.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(ch);
      }
    }
    out.add(cell.toString());
    return new CsvLine(out, quoted);
  }
}
