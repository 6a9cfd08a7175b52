package dev.sqlup.local.runtime;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge schedule expression, evaluated in UTC as EventBridge evaluates it.
 *
 * <ul>
 *   <li>{@code rate(N minute|minutes|hour|hours|day|days)}: the unit is singular exactly when N is
 *       1.
 *   <li>{@code cron(minutes hours day-of-month month day-of-week year)}: six fields; {@code ,}
 *       {@code -} {@code *} {@code /} everywhere except day-of-week ({@code /}); {@code ?} in
 *       exactly one of day-of-month and day-of-week; {@code L} and {@code W} in day-of-month
 *       ({@code L}, {@code 15W}, {@code LW}); {@code L} and {@code #} in day-of-week ({@code L} =
 *       Saturday, {@code 6L} = last Friday, {@code 2#1} = first Monday); names JAN–DEC and SUN–SAT
 *       (SUN = 1); years 1970–2199.
 * </ul>
 */
public sealed interface ScheduleExpression
    permits ScheduleExpression.Rate, ScheduleExpression.Cron {

  /** The first fire time strictly after {@code after}, or null when there is none (a past year). */
  Instant next(Instant after);

  /** Parses an expression; a malformed one is a {@link UserException} quoting it. */
  static ScheduleExpression parse(String expression) {
    String text = expression == null ? "" : expression.trim();
    if (text.startsWith("rate(") && text.endsWith(")")) {
      return Rate.parse(text.substring(5, text.length() - 1).trim(), expression);
    }
    if (text.startsWith("cron(") && text.endsWith(")")) {
      return Cron.parse(text.substring(5, text.length() - 1).trim(), expression);
    }
    throw new UserException("schedule '" + expression + "' is neither rate(...) nor cron(...)");
  }

  /** A fixed period: fires every {@code period} after the schedule starts. */
  record Rate(Duration period) implements ScheduleExpression {
    private static final Pattern RATE =
        Pattern.compile("(\\d+)\\s+(minute|minutes|hour|hours|day|days)");

    static Rate parse(String body, String original) {
      Matcher m = RATE.matcher(body);
      if (!m.matches()) {
        throw new UserException(
            "rate expression '"
                + original
                + "' must be rate(N minute|minutes|hour|hours|day|days)");
      }
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2);
      if (n <= 0) {
        throw new UserException("rate expression '" + original + "' needs a positive value");
      }
      if ((n == 1) == unit.endsWith("s")) {
        throw new UserException(
            "rate expression '"
                + original
                + "': use the singular unit for 1 and the plural for more");
      }
      Duration period =
          switch (unit.charAt(0)) {
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
      return new Rate(period);
    }

    @Override
    public Instant next(Instant after) {
      return after.plus(period);
    }
  }

  /** A cron expression; see the interface for the syntax. */
  record Cron(
      String text,
      BitSet minutes,
      BitSet hours,
      DayOfMonth dayOfMonth,
      BitSet months,
      DayOfWeekField dayOfWeek,
      BitSet years)
      implements ScheduleExpression {
    private static final List<String> MONTHS =
        List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS =
        List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final int MIN_YEAR = 1970;
    private static final int MAX_YEAR = 2199;

    static Cron parse(String body, String original) {
      String[] f = body.toUpperCase(Locale.ROOT).split("\\s+");
      if (f.length != 6) {
        throw new UserException(
            "cron expression '"
                + original
                + "' must have 6 fields "
                + "(minutes hours day-of-month month day-of-week year), it has "
                + f.length);
      }
      boolean domAny = f[2].equals("?");
      boolean dowAny = f[4].equals("?");
      if (domAny == dowAny) {
        throw new UserException(
            "cron expression '"
                + original
                + "': exactly one of day-of-month and day-of-week must be '?'");
      }
      try {
        return new Cron(
            original,
            values(f[0], 0, 59, null, true),
            values(f[1], 0, 23, null, true),
            domAny ? null : DayOfMonth.parse(f[2]),
            values(f[3], 1, 12, MONTHS, true),
            dowAny ? null : DayOfWeekField.parse(f[4]),
            values(f[5], MIN_YEAR, MAX_YEAR, null, true));
      } catch (IllegalArgumentException e) {
        throw new UserException("cron expression '" + original + "': " + e.getMessage());
      }
    }

    @Override
    public Instant next(Instant after) {
      LocalDateTime t =
          LocalDateTime.ofInstant(after, ZoneOffset.UTC)
              .truncatedTo(ChronoUnit.MINUTES)
              .plusMinutes(1);
      LocalDate day = t.toLocalDate();
      int fromMinuteOfDay = t.getHour() * 60 + t.getMinute();
      while (day.getYear() <= MAX_YEAR) {
        if (!years.get(day.getYear())) {
          int nextYear = years.nextSetBit(day.getYear() + 1);
          if (nextYear < 0) {
            return null;
          }
          day = LocalDate.of(nextYear, 1, 1);
          fromMinuteOfDay = 0;
          continue;
        }
        if (!months.get(day.getMonthValue())) {
          day = day.with(TemporalAdjusters.firstDayOfNextMonth());
          fromMinuteOfDay = 0;
          continue;
        }
        if (dayOfMonth != null ? dayOfMonth.matches(day) : dayOfWeek.matches(day)) {
          for (int h = hours.nextSetBit(fromMinuteOfDay / 60);
              h >= 0;
              h = hours.nextSetBit(h + 1)) {
            int fromMinute = h == fromMinuteOfDay / 60 ? fromMinuteOfDay % 60 : 0;
            int m = minutes.nextSetBit(fromMinute);
            if (m >= 0) {
              return day.atTime(h, m).toInstant(ZoneOffset.UTC);
            }
          }
        }
        day = day.plusDays(1);
        fromMinuteOfDay = 0;
      }
      return null;
    }

    /**
     * A field of numbers: {@code *}, {@code a}, {@code a-b}, {@code a/n}, {@code a-b/n}, {@code
     * *}{@code /n}, lists.
     */
    static BitSet values(String field, int min, int max, List<String> names, boolean allowSlash) {
      BitSet out = new BitSet(max + 1);
      for (String part : field.split(",")) {
        int step = 1;
        String range = part;
        int slash = part.indexOf('/');
        if (slash >= 0) {
          if (!allowSlash) {
            throw new IllegalArgumentException("'/' is not allowed in '" + field + "'");
          }
          step = number(part.substring(slash + 1), 1, max, null);
          range = part.substring(0, slash);
        }
        int from;
        int to;
        if (range.equals("*")) {
          from = min;
          to = max;
        } else if (range.contains("-")) {
          String[] ends = range.split("-", 2);
          from = number(ends[0], min, max, names);
          to = number(ends[1], min, max, names);
        } else {
          from = number(range, min, max, names);
          to = slash >= 0 ? max : from;
        }
        if (from <= to) {
          for (int v = from; v <= to; v += step) {
            out.set(v);
          }
        } else { // a wrapping range such as FRI-MON or 22-2
          int span = (max - min + 1);
          for (int k = 0; k <= (to + span - from); k += step) {
            out.set(min + (from - min + k) % span);
          }
        }
      }
      return out;
    }

    static int number(String text, int min, int max, List<String> names) {
      int value;
      if (names != null && names.contains(text)) {
        value = names.indexOf(text) + 1;
      } else {
        try {
          value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("'" + text + "' is not a value");
        }
      }
      if (value < min || value > max) {
        throw new IllegalArgumentException(value + " is outside " + min + "-" + max);
      }
      return value;
    }
  }

  /** Day-of-month: a set of days, or {@code L}, {@code LW}, {@code nW}. */
  record DayOfMonth(BitSet days, boolean last, boolean lastWeekday, int nearestWeekdayTo) {
    static DayOfMonth parse(String field) {
      if (field.equals("L")) {
        return new DayOfMonth(null, true, false, 0);
      }
      if (field.equals("LW")) {
        return new DayOfMonth(null, false, true, 0);
      }
      if (field.endsWith("W")) {
        return new DayOfMonth(
            null, false, false, Cron.number(field.substring(0, field.length() - 1), 1, 31, null));
      }
      return new DayOfMonth(Cron.values(field, 1, 31, null, true), false, false, 0);
    }

    boolean matches(LocalDate day) {
      int length = day.lengthOfMonth();
      if (last) {
        return day.getDayOfMonth() == length;
      }
      if (lastWeekday) {
        return day.equals(weekdayNear(day.withDayOfMonth(length)));
      }
      if (nearestWeekdayTo > 0) {
        return nearestWeekdayTo <= length
            && day.equals(weekdayNear(day.withDayOfMonth(nearestWeekdayTo)));
      }
      return days.get(day.getDayOfMonth());
    }

    /**
     * The weekday nearest to {@code target} within its month (W never crosses a month boundary).
     */
    private static LocalDate weekdayNear(LocalDate target) {
      DayOfWeek dow = target.getDayOfWeek();
      if (dow == DayOfWeek.SATURDAY) {
        return target.getDayOfMonth() == 1 ? target.plusDays(2) : target.minusDays(1);
      }
      if (dow == DayOfWeek.SUNDAY) {
        return target.getDayOfMonth() == target.lengthOfMonth()
            ? target.minusDays(2)
            : target.plusDays(1);
      }
      return target;
    }
  }

  /**
   * Day-of-week (1 = SUN): a set of days, {@code nL} (last n-day of the month), {@code n#k} (k-th
   * n-day).
   */
  record DayOfWeekField(BitSet days, int lastOf, int nth, int nthDay) {
    static DayOfWeekField parse(String field) {
      if (field.equals("L")) {
        return new DayOfWeekField(bits(7), 0, 0, 0);
      }
      if (field.endsWith("L")) {
        return new DayOfWeekField(
            null, Cron.number(field.substring(0, field.length() - 1), 1, 7, Cron.DAYS), 0, 0);
      }
      int hash = field.indexOf('#');
      if (hash >= 0) {
        int day = Cron.number(field.substring(0, hash), 1, 7, Cron.DAYS);
        int k = Cron.number(field.substring(hash + 1), 1, 5, null);
        return new DayOfWeekField(null, 0, k, day);
      }
      return new DayOfWeekField(Cron.values(field, 1, 7, Cron.DAYS, false), 0, 0, 0);
    }

    private static BitSet bits(int value) {
      BitSet b = new BitSet();
      b.set(value);
      return b;
    }

    boolean matches(LocalDate day) {
      int cronDay = day.getDayOfWeek().getValue() % 7 + 1; // MONDAY=1..SUNDAY=7 → SUN=1..SAT=7
      if (lastOf > 0) {
        return cronDay == lastOf && day.plusWeeks(1).getMonthValue() != day.getMonthValue();
      }
      if (nth > 0) {
        return cronDay == nthDay && (day.getDayOfMonth() - 1) / 7 + 1 == nth;
      }
      return days.get(cronDay);
    }
  }
}
