// A document written piece by piece reads as nlohmann would print the whole value: the same
// bytes, pretty or compact, however the document is cut into pieces.
#include <boost/test/unit_test.hpp>
#include <sstream>
#include <stdexcept>

#include "ctrlab/oracle/json_writer.hpp"

namespace ctrlab::oracle {
namespace {

using nlohmann::json;

// A scalar through the writer's own call for its kind, where it has one.
void write_scalar(JsonWriter& out, const json& value) {
  if (value.is_boolean()) {
    out.boolean(value.get<bool>());
  } else if (value.is_number_integer()) {
    out.number(value.get<std::int64_t>());
  } else if (value.is_null()) {
    out.null();
  } else if (value.is_string()) {
    out.string(value.get<std::string>());
  } else {
    out.value(value);
  }
}

// Writes `value` as objects and arrays down to `depth` levels, and whole values below; at
// depth 0 whole values, elsewhere scalars through their own calls.
void write_in_pieces(JsonWriter& out, const json& value, int depth) {
  if (depth == 0) {
    out.value(value);
    return;
  }
  if (!value.is_structured()) {
    write_scalar(out, value);
    return;
  }
  if (value.is_object()) {
    out.begin_object();
    for (const auto& [key, member] : value.items()) {
      out.key(key);
      write_in_pieces(out, member, depth - 1);
    }
    out.end_object();
    return;
  }
  out.begin_array();
  for (const auto& element : value) write_in_pieces(out, element, depth - 1);
  out.end_array();
}

std::string text_of(const json& value, int depth, int indent) {
  std::ostringstream text;
  JsonTextWriter out(text, indent);
  write_in_pieces(out, value, depth);
  return text.str();
}

const json sample = json::parse(R"({
  "containers": {"web": {"nspawnArgv": ["systemd-nspawn", "-M", "web"], "envFile": null,
                         "unit": {"serviceConfig": {}, "after": []}}},
  "effects": {"reachability": [{"answers": true, "why": "via ve-web"}, [], {}, [[1, 2], {"a": [3]}]]},
  "text": "line\nbreak \"quoted\" \u00e9 \t", "number": -1.5, "empty": {}, "none": [], "flag": false,
  "counts": [0, -1, 9223372036854775807, -9223372036854775808, true, null]
})");

}  // namespace

BOOST_AUTO_TEST_SUITE(json_writer)

BOOST_AUTO_TEST_CASE(prints_what_dump_prints_however_the_document_is_cut_into_pieces) {
  for (const int indent : {-1, 0, 1, 2, 4}) {
    for (const int depth : {0, 1, 2, 3, 10}) {
      BOOST_TEST_CONTEXT("indent " << indent << ", pieces " << depth << " levels deep") {
        BOOST_TEST(text_of(sample, depth, indent) == sample.dump(indent));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(prints_empty_and_scalar_documents_as_dump_does) {
  for (const json& value : {json::object(), json::array(), json(nullptr), json("x"), json(3), json(true), json(-7)}) {
    BOOST_TEST(text_of(value, 5, 1) == value.dump(1));
  }
}

BOOST_AUTO_TEST_CASE(escapes_every_ascii_byte_as_dump_does) {
  for (int byte = 0; byte < 0x80; ++byte) {
    const std::string text = "a" + std::string(1, static_cast<char>(byte)) + "b";
    for (const int indent : {-1, 1}) {
      BOOST_TEST_CONTEXT("byte " << byte << ", indent " << indent) {
        const json value = {{text, json::array({text})}};
        BOOST_TEST(text_of(value, 10, indent) == value.dump(indent));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(writes_utf8_as_dump_does_and_refuses_what_dump_refuses) {
  const json value = json::array({"caf\u00e9 \"x\"\n", "\u00e9", "tab\t\u00fc\x01"});
  BOOST_TEST(text_of(value, 10, 1) == value.dump(1));
  std::ostringstream text;
  JsonTextWriter out(text, 1);
  BOOST_CHECK_THROW(out.string("bad \xff byte"), nlohmann::json::type_error);
}

BOOST_AUTO_TEST_CASE(builds_the_value_the_same_calls_describe) {
  for (const int depth : {0, 1, 2, 10}) {
    BOOST_TEST(build_json([&](JsonWriter& out) { write_in_pieces(out, sample, depth); }) == sample);
  }
}

BOOST_AUTO_TEST_CASE(members_are_written_in_key_order_as_a_json_object_prints_them) {
  const JsonMembers members{{"b", [](JsonWriter& out) { out.value(2); }}, {"a", [](JsonWriter& out) { out.value(1); }}};
  std::ostringstream text;
  JsonTextWriter out(text, -1);
  write_object(out, members);
  BOOST_TEST(text.str() == R"({"a":1,"b":2})");
}

BOOST_AUTO_TEST_CASE(refuses_keys_out_of_order_twice_or_outside_an_object) {
  std::ostringstream text;
  JsonTextWriter out(text, 1);
  out.begin_object();
  out.key("b");
  out.value(1);
  BOOST_CHECK_THROW(out.key("a"), std::logic_error);
  BOOST_CHECK_THROW(out.key("b"), std::logic_error);
  BOOST_CHECK_THROW(out.end_array(), std::logic_error);
  JsonTextWriter outside(text, 1);
  outside.begin_array();
  BOOST_CHECK_THROW(outside.key("a"), std::logic_error);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace ctrlab::oracle
