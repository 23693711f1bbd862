// What ctrlab takes from Nix and nixpkgs' lib: indented strings, version comparison, how
// values and option paths appear in messages, and store path names.
#include <boost/test/unit_test.hpp>

#include <array>
#include <set>

#include <nlohmann/json.hpp>

#include "nix/indented_string.hpp"
#include "nix/nix_text.hpp"
#include "nix/nix_version.hpp"
#include "nix/store_path.hpp"
#include "nix/systemd_path.hpp"

using namespace ctrlab::oracle;

namespace {

std::string render(std::string_view text, std::array<std::string_view, 1> values, std::array<bool, 1> conditions) {
  static constexpr std::array<std::string_view, 1> value_names = {"x"};
  static constexpr std::array<std::string_view, 1> condition_names = {"on"};
  return nix::IndentedString::compile(text, value_names, condition_names).render(values, conditions);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(nix_emulation)

BOOST_AUTO_TEST_CASE(indented_strings_lose_their_common_indentation_and_first_empty_line) {
  BOOST_TEST(render("\n    a\n      b\n    c\n  ", {""}, {false}) == "a\n  b\nc\n");
  // Lines holding only spaces do not count towards the indentation.
  BOOST_TEST(render("\n    a\n\n    b\n", {""}, {false}) == "a\n\nb\n");
}

BOOST_AUTO_TEST_CASE(interpolations_are_inserted_verbatim_and_keep_the_line_break_after_them) {
  const std::string_view text = "\n  A=${x}\n  ${optionalString on ''\n    B=1\n  ''}\n  C=2\n";
  BOOST_TEST(render(text, {"v\nw"}, {true}) == "A=v\nw\nB=1\n\nC=2\n");
  // optionalString false leaves an empty line: where the env file's blank lines come from.
  BOOST_TEST(render(text, {""}, {false}) == "A=\n\nC=2\n");
}

BOOST_AUTO_TEST_CASE(escapes_produce_dollar_and_quotes) {
  BOOST_TEST(render("\n  a ''${X} b '''\n", {""}, {false}) == "a ${X} b ''\n");
}

BOOST_AUTO_TEST_CASE(compare_versions_orders_as_nix_does) {
  BOOST_TEST(nix::compare_versions("5.8", "5.8") == 0);
  BOOST_TEST(nix::compare_versions("5.8.0", "5.8") == 1);
  BOOST_TEST(nix::compare_versions("5.7.19", "5.8") == -1);
  BOOST_TEST(nix::compare_versions("5.10", "5.8") == 1);
  BOOST_TEST(nix::compare_versions("5.4.190", "5.8") == -1);
  BOOST_TEST(nix::compare_versions("5.8-rc1", "5.8") == 1);
  BOOST_TEST(nix::compare_versions("1.0pre", "1.0") == -1);
  BOOST_TEST(nix::compare_versions("2.3a", "2.3.1") == -1);
  BOOST_TEST(nix::version_at_least("22.05", "22.05"));
  BOOST_TEST(nix::version_at_least("22.11", "22.05"));
  BOOST_TEST(nix::version_older("21.11", "22.05"));
}

BOOST_AUTO_TEST_CASE(values_print_as_lib_generators_to_pretty) {
  using nlohmann::json;
  BOOST_TEST(nix::pretty(json(true)) == "true");
  BOOST_TEST(nix::pretty(json(nullptr)) == "null");
  BOOST_TEST(nix::pretty(json(42)) == "42");
  BOOST_TEST(nix::pretty(json("a\"b\\c${d}")) == R"("a\"b\\c\${d}")");
  BOOST_TEST(nix::pretty(json("two\nlines")) == "''\n  two\n  lines''");
  BOOST_TEST(nix::pretty(json("ends\n")) == "''\n  ends\n''");
  BOOST_TEST(nix::pretty(json::array()) == "[ ]");
  BOOST_TEST(nix::pretty(json::object()) == "{ }");
  BOOST_TEST(nix::pretty(json::parse(R"(["a", 1])")) == "[\n  \"a\"\n  1\n]");
  BOOST_TEST(nix::pretty(json::parse(R"({"/home": {"isReadOnly": false}, "b": [ ]})")) ==
             "{\n  \"/home\" = {\n    isReadOnly = false;\n  };\n  b = [ ];\n}");
}

BOOST_AUTO_TEST_CASE(pretty_stops_at_the_line_breaks_it_is_given) {
  using nlohmann::json;
  const json value = json::parse(R"({"a": [1, 2, 3], "b": "x\ny"})");
  const std::string whole = nix::pretty(value);
  BOOST_TEST(whole == "{\n  a = [\n    1\n    2\n    3\n  ];\n  b = ''\n    x\n    y'';\n}");
  BOOST_TEST(nix::pretty(value, 3) == "{\n  a = [\n    1\n");
  BOOST_TEST(nix::pretty(value, 100) == whole);
  // What showDefs shows of a value is the same from its first lines as from all of it.
  BOOST_TEST(nix::show_definition("spec", nix::pretty(value, nix::shown_definition_lines)) ==
             nix::show_definition("spec", whole));
}

BOOST_AUTO_TEST_CASE(pretty_costs_what_it_keeps_whatever_the_depth) {
  // 4 000 levels: all of it would be 16 million characters of indentation.
  nlohmann::json deep = 1;
  for (int i = 0; i < 4000; ++i) deep = nlohmann::json::array({std::move(deep)});
  const std::string shown = nix::pretty(deep, nix::shown_definition_lines);
  BOOST_TEST(shown == "[\n  [\n    [\n      [\n        [\n");
}

BOOST_AUTO_TEST_CASE(option_paths_quote_what_is_not_an_identifier) {
  BOOST_TEST(nix::show_option({"containers", "web", "ephemeral"}) == "containers.web.ephemeral");
  BOOST_TEST(nix::show_option({"containers", "web", "bindMounts", "/home", "x"}) ==
             "containers.web.bindMounts.\"/home\".x");
  BOOST_TEST(nix::show_option({"a", "[definition 1-entry 2]", "b"}) == "a.\"[definition 1-entry 2]\".b");
  BOOST_TEST(nix::show_option({"a", "<name>", "*"}) == "a.<name>.*");
  BOOST_TEST(nix::escape_string("a$b") == "\"a\\$b\"");
}

BOOST_AUTO_TEST_CASE(definitions_show_five_lines_at_most) {
  BOOST_TEST(nix::show_definition("spec", "true") == "\n- In `spec': true");
  BOOST_TEST(nix::show_definition("spec", "[\n  1\n  2\n  3\n  4\n  5\n]") ==
             "\n- In `spec':\n    [\n      1\n      2\n      3\n      4\n    ...");
}

BOOST_AUTO_TEST_CASE(evaluator_errors_indent_continuation_lines) {
  BOOST_TEST(nix::evaluator_error("first\n- In `spec': true\n\nlast\n") ==
             "error: first\n       - In `spec': true\n\n       last");
}

BOOST_AUTO_TEST_CASE(store_paths_use_nix_base32_and_depend_on_name_and_content) {
  const std::string path = nix::store_path("container-init", "#! /bin/sh\n");
  BOOST_TEST(path.starts_with("/nix/store/"));
  BOOST_TEST(path.ends_with("-container-init"));
  const std::string hash = path.substr(11, 32);
  BOOST_TEST(hash.find_first_not_of("0123456789abcdfghijklmnpqrsvwxyz") == std::string::npos);
  BOOST_TEST(nix::store_path("container-init", "#! /bin/sh\n") == path);
  std::set<std::string> distinct;
  for (const char* content : {"", "a", "b", "ab", "#! /bin/sh\n", "#! /bin/sh\n\n"}) {
    distinct.insert(nix::store_path("container-init", content));
  }
  distinct.insert(nix::store_path("reload-container", "#! /bin/sh\n"));
  BOOST_TEST(distinct.size() == 7U);
}

BOOST_AUTO_TEST_CASE(base32_matches_nix_for_a_known_digest) {
  // Nix prints the 20 zero bytes as 32 zeros and the last 5-bit group first.
  nix::Digest160 digest{};
  BOOST_TEST(nix::base32(digest) == std::string(32, '0'));
  digest[0] = 0x1f;  // the lowest 5 bits: the last character
  BOOST_TEST(nix::base32(digest) == std::string(31, '0') + "z");
}

// nixpkgs' utils.escapeSystemdPath, as 2025 names a moved interface's device unit.
BOOST_AUTO_TEST_CASE(systemd_paths_are_escaped_as_nixpkgs_escapes_them) {
  BOOST_TEST(nix::escape_systemd_path("eth1") == "eth1");
  BOOST_TEST(nix::escape_systemd_path("wg-0") == "wg\\x2d0");
  BOOST_TEST(nix::escape_systemd_path("/dev//sda/") == "dev-sda");
  BOOST_TEST(nix::escape_systemd_path(".hidden") == "\\x2ehidden");
  BOOST_TEST(nix::escape_systemd_path("a b@c") == "a\\x20b\\x40c");
  BOOST_TEST(nix::escape_systemd_path("/") == "-");
  BOOST_TEST(nix::escape_systemd_path("en_p:1.x") == "en_p:1.x");
}

BOOST_AUTO_TEST_SUITE_END()
