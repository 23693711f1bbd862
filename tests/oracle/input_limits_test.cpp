// What a scenario's JSON text may hold (InputLimits in parse.hpp), and how each limit is
// refused while the text is read: a ScenarioError naming where, never a crash, whatever the
// size or depth of what comes after.
#include <boost/test/unit_test.hpp>

#include <string>

#include "ctrlab/oracle/parse.hpp"
#include "ctrlab/oracle/predict.hpp"
#include "refusal.hpp"

using namespace ctrlab::oracle;

namespace {

std::string repeated(std::string_view text, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += text;
  return out;
}

// `levels` arrays inside each other, around `inner`.
std::string nested_arrays(std::size_t levels, const std::string& inner = "1") {
  return std::string(levels, '[') + inner + std::string(levels, ']');
}

std::string with_config(const std::string& config) {
  return R"({ "containers": { "web": { "path": "/p", "config": )" + config + " } } }";
}

// An object of `count` keys k0, k1, ... (plus `extra` members, verbatim).
std::string object_of_keys(std::size_t count, const std::string& extra = "") {
  std::string text = "{";
  for (std::size_t i = 0; i < count; ++i) text += (i == 0 ? "\"k" : ", \"k") + std::to_string(i) + "\": 1";
  return text + extra + "}";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(input_limits)

BOOST_AUTO_TEST_CASE(nesting_up_to_the_limit_is_read_and_predicted) {
  // The document, containers and web are three levels of the limit; config the fourth.
  const std::string text = with_config(nested_arrays(InputLimits::max_depth - 3));
  const Scenario scenario = parse_scenario_file(text, {.rejectUnknownOptions = false});
  BOOST_TEST(scenario.containers.size() == 1U);
  BOOST_TEST(!predict(scenario, Revision::r2022).error);
}

BOOST_AUTO_TEST_CASE(nesting_deeper_is_refused_where_it_passes_the_limit) {
  const auto r = refusal_of(with_config(nested_arrays(InputLimits::max_depth - 2)));
  BOOST_TEST(r.expected == "arrays and objects nested at most 128 deep");
  BOOST_TEST(r.problem == "this one is nested deeper");
  BOOST_TEST(r.path == "containers.web.config" + repeated("[0]", InputLimits::max_depth - 3));
}

BOOST_AUTO_TEST_CASE(nesting_far_deeper_costs_no_more_than_reaching_the_limit) {
  // 10^5 levels: nlohmann's recursive printers and destructors would overflow the stack on
  // this; it is refused on the way in, at the same place as one level too many.
  auto r = refusal_of(with_config(nested_arrays(100'000)));
  BOOST_TEST(r.path == "containers.web.config" + repeated("[0]", InputLimits::max_depth - 3));
  r = refusal_of(with_config(repeated("{\"a\": ", 100'000) + "1" + repeated("}", 100'000)));
  BOOST_TEST(r.path == "containers.web.config" + repeated(".a", InputLimits::max_depth - 3));
}

BOOST_AUTO_TEST_CASE(an_object_holds_at_most_max_members_keys) {
  BOOST_CHECK_NO_THROW((void)parse_scenario_file(with_config(object_of_keys(InputLimits::max_members))));
  const auto r = refusal_of(with_config(object_of_keys(InputLimits::max_members + 1)));
  BOOST_TEST(r.path == "containers.web.config");
  BOOST_TEST(r.expected == "at most 100 000 keys in an object");
  BOOST_TEST(r.problem == "this one has more");
}

BOOST_AUTO_TEST_CASE(an_array_holds_at_most_max_members_elements) {
  std::string elements(2 * (InputLimits::max_members + 1) - 1, ',');
  for (std::size_t i = 0; i < elements.size(); i += 2) elements[i] = '0';
  const auto r = refusal_of(with_config("[" + elements + "]"));
  BOOST_TEST(r.path == "containers.web.config");
  BOOST_TEST(r.expected == "at most 100 000 elements in an array");
}

BOOST_AUTO_TEST_CASE(the_document_holds_at_most_max_values) {
  // Arrays of 100 000 numbers each pass no array's limit, but enough of them pass the document's.
  const std::size_t array_values = InputLimits::max_members + 1;  // the array and its elements
  const std::size_t before = 5;  // the document, containers, web, path and config come first
  const std::size_t full_arrays = (InputLimits::max_values - before) / array_values;
  std::string arrays;
  for (std::size_t a = 0; a <= full_arrays; ++a) {
    std::string elements(2 * InputLimits::max_members - 1, ',');
    for (std::size_t i = 0; i < elements.size(); i += 2) elements[i] = '0';
    arrays += (a == 0 ? "[" : ", [") + elements + "]";
  }
  const auto r = refusal_of(with_config("[" + arrays + "]"));
  BOOST_TEST(r.expected == "at most 2 000 000 JSON values in a scenario");
  const std::size_t element = InputLimits::max_values - before - full_arrays * array_values - 1;
  BOOST_TEST(r.path == "containers.web.config[" + std::to_string(full_arrays) + "][" + std::to_string(element) + "]");
}

BOOST_AUTO_TEST_CASE(a_duplicate_key_among_many_is_found_at_its_second_definition) {
  const auto r = refusal_of(with_config(object_of_keys(InputLimits::max_members - 1, R"(, "k77": 2)")));
  BOOST_TEST(r.path == "containers.web.config.k77");
  BOOST_TEST(r.problem == "duplicate key \"k77\"");
}

BOOST_AUTO_TEST_CASE(a_nul_byte_is_refused_wherever_it_is) {
  // nlohmann would stop reading at it and ignore the rest.
  auto r = refusal_of(std::string(R"({ "containers": {} })") + '\0' + "garbage");
  BOOST_TEST(r.path == "");
  BOOST_TEST(r.expected == "JSON text, which holds no NUL bytes");
  BOOST_TEST(r.problem == "a NUL byte at line 1, column 21");
  r = refusal_of(std::string("{\n \"containers\": {") + '\0' + "} }");
  BOOST_TEST(r.problem == "a NUL byte at line 2, column 17");
}

BOOST_AUTO_TEST_CASE(an_escaped_nul_character_is_refused_in_strings_and_keys) {
  auto r = refusal_of(R"({ "containers": { "web": { "path": "/p\u0000x" } } })");
  BOOST_TEST(r.path == "containers.web.path");
  BOOST_TEST(r.expected == "a string without NUL characters (\\u0000): Nix strings cannot hold one");
  r = refusal_of(R"({ "containers": { "web": { "path": "/p", "config": { "a\u0000": 1 } } } })");
  BOOST_TEST(r.path == R"(containers.web.config["a\u0000"])");
  BOOST_TEST(r.expected == "a key without NUL characters (\\u0000): Nix strings cannot hold one");
}

BOOST_AUTO_TEST_CASE(a_number_beyond_a_double_names_where_it_is) {
  auto r = refusal_of(R"({ "containers": { "web": { "path": "/p", "forwardPorts": [ { "hostPort": 1e400 } ] } } })");
  BOOST_TEST(r.path == "containers.web.forwardPorts[0].hostPort");
  BOOST_TEST(r.expected == "a number within a double's range (up to about 1.8e308)");
  BOOST_TEST(r.problem == "number overflow parsing '1e400'");
  r = refusal_of(with_config("[1, 2, -1e999]"));
  BOOST_TEST(r.path == "containers.web.config[2]");
}

BOOST_AUTO_TEST_CASE(a_scenario_holds_at_most_max_containers) {
  const auto containers = [](std::size_t count) {
    std::string members;
    for (std::size_t i = 0; i < count; ++i) members += (i == 0 ? "\"c" : ", \"c") + std::to_string(i) + R"(": { "path": "/p" })";
    return R"({ "containers": { )" + members + " } }";
  };
  BOOST_TEST(parse_scenario_file(containers(InputLimits::max_containers)).containers.size() == InputLimits::max_containers);
  const auto r = refusal_of(containers(InputLimits::max_containers + 1));
  BOOST_TEST(r.path == "containers");
}

BOOST_AUTO_TEST_CASE(network_entries_count_across_the_host_and_every_container) {
  // Two host interfaces with 99 999 and 99 998 addresses (199 999 entries), a port in a makes
  // 200 000, and one more in b passes the limit.
  const auto addresses = [](int network, int count) {
    std::string list;
    for (int i = 0; i < count; ++i) {
      list += (i == 0 ? "\"10." : ", \"10.") + std::to_string(2 * network + i / 65'536) + "." +
              std::to_string(i / 256 % 256) + "." + std::to_string(i % 256) + "/32\"";
    }
    return list;
  };
  const std::string host = R"("host": { "network": { "interfaces": { "eth0": { "kind": "device", "addresses": [)" +
                           addresses(1, 99'999) + R"(] }, "eth1": { "kind": "device", "addresses": [)" + addresses(2, 99'998) +
                           "] } } } }";
  const std::string a = R"("a": { "path": "/p", "forwardPorts": [ { "hostPort": 80 } ] })";
  BOOST_CHECK_NO_THROW((void)parse_scenario_file("{ " + host + R"(, "containers": { )" + a + " } }"));
  const auto r = refusal_of("{ " + host + R"(, "containers": { )" + a + R"(, "b": { "path": "/p", "forwardPorts": [ { "hostPort": 81 } ] } } })");
  BOOST_TEST(r.path == "containers.b.forwardPorts");
  BOOST_TEST(r.expected.starts_with("at most 200000 network entries in a scenario"));
}

BOOST_AUTO_TEST_CASE(links_that_may_share_a_segment_are_counted_across_every_container) {
  // 999 flags and a macvlan in a, then b on a bridge is the 1 001st; a routed b is not counted.
  std::string flags;
  for (int i = 0; i < 999; ++i) flags += (i == 0 ? "\"-q\"" : ", \"-q\"");
  const std::string a = R"("a": { "path": "/p", "privateNetwork": true, "macvlans": ["eth0"], "extraFlags": [)" + flags + "] }";
  const std::string b = R"("b": { "path": "/p", "privateNetwork": true, "hostBridge": "br0" })";
  const std::string routed = R"("b": { "path": "/p", "privateNetwork": true, "hostAddress": "10.0.0.1" })";
  BOOST_CHECK_NO_THROW((void)parse_scenario_file(R"({ "containers": { )" + a + ", " + routed + " } }"));
  const auto r = refusal_of(R"({ "containers": { )" + a + ", " + b + " } }");
  BOOST_TEST(r.path == "containers.b.hostBridge");
  BOOST_TEST(r.expected.starts_with("at most 1000 entries that may share a network segment"));
}

BOOST_AUTO_TEST_SUITE_END()
