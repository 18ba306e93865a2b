package org.imucompanion.models.dataset;

import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * The project's CSV dialect and the rules for text inside it, in one place for every reader and
 * writer (the dataset readers, the session store's export and import).
 *
 * <p>The dialect is RFC 4180 through Apache Commons CSV: a comma between cells, a double quote
 * around a cell that holds a comma, a quote, a CR or an LF, a doubled quote inside it. Lines end
 * with LF. A quote in the middle of an unquoted cell is an ordinary character (an inch mark in a
 * note must not shift columns).
 *
 * <p>Text cells written for people to open in a spreadsheet are neutralised against formula
 * injection (OWASP's CSV-injection advice): a cell starting with {@code = + - @}, a tab or a CR
 * gets a leading single quote, so {@code =HYPERLINK(...)} shows as text. Quotes already leading
 * such a cell get one more, so {@link #fromSpreadsheet} gives back exactly what was written.
 * Number cells are never touched: {@code -0.5} stays a number.
 */
public final class CsvText {
  /** Characters that make a spreadsheet read a cell as a formula (OWASP). */
  private static final Pattern FORMULA_LEADING = Pattern.compile("^'*[=+\\-@\\t\\r]");

  private static final Pattern NEUTRALISED = Pattern.compile("^'+[=+\\-@\\t\\r]");

  /** In a comment line nothing is quoted, so a spreadsheet unquotes {@code "=..."} itself. */
  private static final Pattern COMMENT_FORMULA_LEADING = Pattern.compile("^'*[\"=+\\-@\\t\\r]");

  private static final Pattern COMMENT_NEUTRALISED = Pattern.compile("^'+[\"=+\\-@\\t\\r]");

  /** Longest cell text repeated in an error message. */
  public static final int MAX_EXCERPT_CHARS = 40;

  /** The dialect for writing: RFC 4180 quoting where needed, LF line ends, {@code #} comments. */
  public static final CSVFormat WRITE_FORMAT =
      CSVFormat.RFC4180.builder()
          .setRecordSeparator('\n')
          .setQuoteMode(QuoteMode.MINIMAL)
          .setCommentMarker('#')
          .build();

  private CsvText() {}

  /**
   * A text cell made safe to open in a spreadsheet (see the class comment).
   *
   * @param text the cell's text
   * @return the text, with a leading single quote if a spreadsheet would take it for a formula
   */
  public static String forSpreadsheet(String text) {
    return FORMULA_LEADING.matcher(text).find() ? "'" + text : text;
  }

  /**
   * Undoes {@link #forSpreadsheet}: the text as it was before it was written.
   *
   * @param cell a text cell as read from a file
   * @return the cell without the quote {@link #forSpreadsheet} added
   */
  public static String fromSpreadsheet(String cell) {
    return NEUTRALISED.matcher(cell).find() ? cell.substring(1) : cell;
  }

  /**
   * Text after a comma in a comment line made safe to open in a spreadsheet: like {@link
   * #forSpreadsheet}, and a leading double quote counts too, because a comment line is written
   * without quoting and a spreadsheet would unquote {@code "=...".}
   *
   * @param piece the text between two commas of a comment line
   * @return the text, with a leading single quote if a spreadsheet could take it for a formula
   */
  public static String forSpreadsheetComment(String piece) {
    return COMMENT_FORMULA_LEADING.matcher(piece).find() ? "'" + piece : piece;
  }

  /**
   * Undoes {@link #forSpreadsheetComment}.
   *
   * @param piece the text between two commas of a comment line as read
   * @return it without the added quote
   */
  public static String fromSpreadsheetComment(String piece) {
    return COMMENT_NEUTRALISED.matcher(piece).find() ? piece.substring(1) : piece;
  }

  /**
   * A cell's text as an error message may repeat it: quoted, and cut after {@link
   * #MAX_EXCERPT_CHARS} characters with the full length said, so that a 200 MB cell makes a
   * one-line message.
   *
   * @param cell the text
   * @return e.g. {@code 'x1'} or {@code 'aaaa...' (200000000 characters)}
   */
  public static String excerpt(String cell) {
    if (cell.length() <= MAX_EXCERPT_CHARS) {
      return "'" + printable(cell) + "'";
    }
    return "'" + printable(cell.substring(0, MAX_EXCERPT_CHARS)) + "...' (" + cell.length()
        + " characters)";
  }

  /** Control characters shown as escapes, so that a message stays on one line. */
  private static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (Character.isISOControl(c)) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  /** A message cut to at most {@code max} characters. */
  static String capped(String message, int max) {
    return message.length() <= max ? message : message.substring(0, max - 3) + "...";
  }
}
