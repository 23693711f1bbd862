// Time spans as systemd 252's parse_sec() reads them. The pairs marked "systemd" are the test
// vectors of systemd's own parse_sec test (src/test/test-time-util.c).
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "ctrlab/oracle/time_span.hpp"

using namespace ctrlab::oracle;
using namespace std::chrono_literals;

namespace {

constexpr TimeSpan year = 31'557'600s;

struct Vector {
  std::string text;
  TimeSpan span;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(time_spans)

BOOST_AUTO_TEST_CASE(systemds_accepted_vectors) {
  const std::vector<Vector> vectors = {
      {"5s", 5s},
      {"5s500ms", 5500ms},
      {" 5s 500ms  ", 5500ms},
      {" 5.5s  ", 5500ms},
      {" 5.5s 0.5ms ", 5500500us},
      {" .22s ", 220ms},
      {" .50y ", year / 2},
      {"2.5", 2500ms},
      {".7", 700ms},
      {"23us", 23us},
      {"23\xCE\xBCs", 23us},  // Greek small letter mu
      {"23\xC2\xB5s", 23us},  // micro sign
      {"+3.1s", 3100ms},
      {"3.1s.2", 3300ms},
      {"3.1 .2", 3300ms},
      {"3.1 sec .2 sec", 3300ms},
      {"3.1 sec 1.2 sec", 4300ms},
  };
  for (const auto& [text, span] : vectors) {
    BOOST_TEST_CONTEXT("'" << text << "'") {
      const auto parsed = parse_time_span(text);
      BOOST_REQUIRE(parsed.has_value());
      BOOST_TEST(parsed->count() == span.count());
    }
  }
}

BOOST_AUTO_TEST_CASE(systemds_refused_vectors) {
  for (const char* text : {" xyz ", "", " . ", " 5. ", ".s ", "-5s ", "-0.3s ", "-0.0s ", "-0.-0s ", "0.-0s ", "3.-0s ",
                           " infinity .7", ".3 infinity", "3.+1s", "3. 1s", "3.s", "12.34.56", "12..34", "..1234",
                           "1234..", "11111111111111y"}) {
    BOOST_TEST(!parse_time_span(text).has_value(), "'" << text << "' is refused");
  }
}

BOOST_AUTO_TEST_CASE(infinity_with_or_without_spaces) {
  BOOST_TEST(is_infinite(parse_time_span("infinity").value()));
  BOOST_TEST(is_infinite(parse_time_span(" infinity ").value()));
  BOOST_TEST(!parse_time_span("infinityx").has_value());
}

BOOST_AUTO_TEST_CASE(every_unit_name) {
  const std::vector<Vector> vectors = {
      {"7usec", 7us},    {"7msec", 7ms},     {"7ms", 7ms},          {"7sec", 7s},         {"7second", 7s},
      {"7seconds", 7s},  {"7m", 7min},       {"7min", 7min},        {"7minute", 7min},    {"7minutes", 7min},
      {"7h", 7h},        {"7hr", 7h},        {"7hour", 7h},         {"7hours", 7h},       {"7d", 7 * 24h},
      {"7day", 7 * 24h}, {"7days", 7 * 24h}, {"1w", 7 * 24h},       {"1week", 7 * 24h},   {"2weeks", 14 * 24h},
      {"1M", 2'629'800s}, {"1month", 2'629'800s}, {"2months", 5'259'600s}, {"1y", year}, {"1year", year},
      {"2years", 2 * year},
  };
  for (const auto& [text, span] : vectors) {
    BOOST_TEST_CONTEXT(text) { BOOST_TEST(parse_time_span(text).value().count() == span.count()); }
  }
}

BOOST_AUTO_TEST_CASE(what_the_nixos_module_and_systemctl_show_write) {
  BOOST_TEST(parse_time_span("1min").value() == 60s);
  BOOST_TEST(parse_time_span("2min").value() == 120s);
  BOOST_TEST(parse_time_span("1min 30s").value() == 90s);
  BOOST_TEST(parse_time_span("90").value() == 90s);  // a bare number counts seconds
  BOOST_TEST(parse_time_span("2 min").value() == 120s);
  BOOST_TEST(parse_time_span("1h 2m 3s 4ms 5us").value() == 3723004005us);
}

BOOST_AUTO_TEST_CASE(a_word_after_a_unit_is_no_unit) {
  BOOST_TEST(!parse_time_span("5mins").has_value());  // "min", then "s" without a number
  BOOST_TEST(!parse_time_span("soon").has_value());
  BOOST_TEST(!parse_time_span("5 soon").has_value());
  BOOST_TEST(!parse_time_span("99999999999999999999s").has_value());
}

BOOST_AUTO_TEST_CASE(fractions_finer_than_a_microsecond_count_nothing) {
  BOOST_TEST(parse_time_span("1.0000009s").value() == 1s);
  BOOST_TEST(parse_time_span("1.1111111111111y").has_value());
}

BOOST_AUTO_TEST_CASE(spans_beyond_the_representable_never_fire) {
  BOOST_TEST(is_infinite(parse_time_span("500000y").value()));  // finite to systemd, 15.8e18 us
}

BOOST_AUTO_TEST_SUITE_END()
