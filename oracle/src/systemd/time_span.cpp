#include "ctrlab/oracle/time_span.hpp"

#include <cstdint>
#include <limits>

namespace ctrlab::oracle {
namespace {

using Usec = std::uint64_t;  // systemd's usec_t; its UINT64_MAX is "infinity"

constexpr Usec second = 1'000'000;
constexpr Usec minute = 60 * second;
constexpr Usec hour = 60 * minute;
constexpr Usec day = 24 * hour;

struct TimeUnit {
  std::string_view name;
  Usec size;
};

// systemd.time(7)'s unit names. Case matters: "M" is a month, "m" a minute.
constexpr TimeUnit time_units[] = {
    {"us", 1},          {"usec", 1},          {"\xC2\xB5s", 1} /* µs, micro sign */, {"\xCE\xBCs", 1} /* μs, Greek mu */,
    {"ms", 1000},       {"msec", 1000},
    {"s", second},      {"sec", second},      {"second", second},    {"seconds", second},
    {"m", minute},      {"min", minute},      {"minute", minute},    {"minutes", minute},
    {"h", hour},        {"hr", hour},         {"hour", hour},        {"hours", hour},
    {"d", day},         {"day", day},         {"days", day},
    {"w", 7 * day},     {"week", 7 * day},    {"weeks", 7 * day},
    {"M", 2'629'800 * second}, {"month", 2'629'800 * second}, {"months", 2'629'800 * second},
    {"y", 31'557'600 * second}, {"year", 31'557'600 * second}, {"years", 31'557'600 * second},
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Walks the text left to right; every reader consumes what it recognises.
class SpanText {
 public:
  explicit SpanText(std::string_view text) : rest_(text) {}

  [[nodiscard]] bool at_end() const { return rest_.empty(); }
  [[nodiscard]] char next() const { return rest_.front(); }
  [[nodiscard]] std::string_view rest() const { return rest_; }
  void skip(std::size_t count) { rest_.remove_prefix(count); }

  std::size_t skip_spaces() {
    std::size_t count = 0;
    while (count < rest_.size() && is_space(rest_[count])) ++count;
    rest_.remove_prefix(count);
    return count;
  }

  std::string_view digits() {
    std::size_t count = 0;
    while (count < rest_.size() && is_digit(rest_[count])) ++count;
    const std::string_view found = rest_.substr(0, count);
    rest_.remove_prefix(count);
    return found;
  }

  // The longest unit name the text starts with, consumed.
  std::optional<Usec> unit() {
    const TimeUnit* best = nullptr;
    for (const auto& candidate : time_units) {
      if (rest_.starts_with(candidate.name) && (best == nullptr || candidate.name.size() > best->name.size())) {
        best = &candidate;
      }
    }
    if (best == nullptr) return std::nullopt;
    rest_.remove_prefix(best->name.size());
    return best->size;
  }

 private:
  std::string_view rest_;
};

// total + addend, unless the sum reaches systemd's infinity (it refuses such a span).
bool add(Usec& total, Usec addend) {
  if (addend >= std::numeric_limits<Usec>::max() - total) return false;
  total += addend;
  return true;
}

// One "[+]<digits>[.<digits>] [unit]" component added to `total`; false where systemd refuses it.
bool read_component(SpanText& text, Usec& total) {
  if (!text.at_end() && text.next() == '+') {
    text.skip(1);
    if (text.at_end() || !is_digit(text.next())) return false;
  }
  const std::string_view whole = text.digits();
  std::string_view fraction;
  const bool has_point = !text.at_end() && text.next() == '.';
  if (has_point) {
    text.skip(1);
    fraction = text.digits();
    if (fraction.empty()) return false;  // "5.", "3.s", "12..34"
  }
  if (whole.empty() && !has_point) return false;  // no number at all
  const bool spaced = text.skip_spaces() > 0;
  Usec size = second;  // a number without a unit counts seconds
  if (const auto unit = text.unit()) {
    size = *unit;
  } else if (!spaced && !text.at_end()) {
    return false;  // "12.34.56", "5x": something that is no unit right after the number
  }
  Usec count = 0;
  for (const char digit : whole) {
    const auto value = static_cast<Usec>(digit - '0');
    if (count > (std::numeric_limits<Usec>::max() - value) / 10) return false;
    count = count * 10 + value;
  }
  if (count >= std::numeric_limits<Usec>::max() / size || !add(total, count * size)) return false;
  // Each further digit of the fraction weighs a tenth of the one before, in whole microseconds.
  Usec weight = size / 10;
  for (const char digit : fraction) {
    if (!add(total, static_cast<Usec>(digit - '0') * weight)) return false;
    weight /= 10;
  }
  return true;
}

}  // namespace

std::optional<TimeSpan> parse_time_span(std::string_view input) {
  SpanText text(input);
  text.skip_spaces();
  if (text.rest().starts_with("infinity")) {
    text.skip(std::string_view("infinity").size());
    text.skip_spaces();
    if (!text.at_end()) return std::nullopt;
    return infinite_time_span;
  }
  Usec total = 0;
  bool any = false;
  while (true) {
    text.skip_spaces();
    if (text.at_end()) break;
    if (!read_component(text, total)) return std::nullopt;
    any = true;
  }
  if (!any) return std::nullopt;
  constexpr auto longest = static_cast<Usec>(std::numeric_limits<TimeSpan::rep>::max());
  if (total >= longest) return infinite_time_span;
  return TimeSpan(static_cast<TimeSpan::rep>(total));
}

}  // namespace ctrlab::oracle
