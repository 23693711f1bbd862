#include "record_reader.hpp"

namespace ctrlab::oracle::record {

std::string got(const nlohmann::json& value) {
  if (value.is_string()) return "got a string (" + value.dump() + ")";
  if (value.is_boolean()) return "got " + value.dump();
  if (value.is_number()) return "got a number (" + value.dump() + ")";
  if (value.is_array()) return "got an array";
  if (value.is_object()) return "got an object";
  return "got null";
}

std::string member_path(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string index_path(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

ObjectReader::ObjectReader(const nlohmann::json& value, std::string path) : value_(value), path_(std::move(path)) {
  if (!value_.is_object()) throw InputError(path_.empty() ? "(top level)" : path_, "an object", got(value_));
}

const nlohmann::json* ObjectReader::find(std::string_view key) const {
  const auto found = value_.find(key);
  if (found == value_.end() || found->is_null()) return nullptr;
  return &*found;
}

const nlohmann::json& ObjectReader::required(std::string_view key, std::string_view expected) const {
  const auto* value = find(key);
  if (value == nullptr) throw InputError(path_of(key), std::string(expected), "got nothing");
  return *value;
}

std::string ObjectReader::string(std::string_view key) const {
  return require_string(required(key, "a string"), path_of(key), "a string");
}

std::optional<std::string> ObjectReader::optional_string(std::string_view key) const {
  const auto* value = find(key);
  if (value == nullptr) return std::nullopt;
  return require_string(*value, path_of(key), "a string or null");
}

bool ObjectReader::boolean(std::string_view key, bool fallback) const {
  const auto* value = find(key);
  if (value == nullptr) return fallback;
  if (!value->is_boolean()) throw InputError(path_of(key), "true or false", got(*value));
  return value->get<bool>();
}

std::int64_t ObjectReader::integer(std::string_view key, std::int64_t fallback, std::int64_t min,
                                   std::int64_t max) const {
  const auto* value = find(key);
  if (value == nullptr) return fallback;
  const std::string expected = "an integer from " + std::to_string(min) + " to " + std::to_string(max);
  if (!value->is_number_integer()) throw InputError(path_of(key), expected, got(*value));
  const auto number = value->get<std::int64_t>();
  if (number < min || number > max) throw InputError(path_of(key), expected, got(*value));
  return number;
}

std::vector<std::string> ObjectReader::strings(std::string_view key) const {
  const auto* value = find(key);
  if (value == nullptr) return {};
  return parse_argv(*value, path_of(key));
}

const nlohmann::json& require_array(const nlohmann::json& value, const std::string& path, std::string_view expected) {
  if (!value.is_array()) throw InputError(path, std::string(expected), got(value));
  return value;
}

std::string require_string(const nlohmann::json& value, const std::string& path, std::string_view expected) {
  if (!value.is_string()) throw InputError(path, std::string(expected), got(value));
  return value.get<std::string>();
}

IpAddress parse_address(const nlohmann::json& value, const std::string& path) {
  const auto text = require_string(value, path, "an IPv4 or IPv6 address");
  const auto address = IpAddress::parse(text);
  if (!address) throw InputError(path, "an IPv4 or IPv6 address", got(value));
  return *address;
}

IpPrefix parse_prefix(const nlohmann::json& value, const std::string& path) {
  const auto text = require_string(value, path, "an address with a prefix length, e.g. 10.0.0.2/24");
  if (text == "default") throw InputError(path, "an address with a prefix length (not \"default\")", got(value));
  auto prefix = IpPrefix::parse(text);
  if (!prefix) throw InputError(path, "an address with a prefix length, e.g. 10.0.0.2/24", got(value));
  prefix->explicit_length = true;
  return *prefix;
}

std::vector<std::string> parse_argv(const nlohmann::json& value, const std::string& path) {
  const auto& array = require_array(value, path, "an array of strings");
  std::vector<std::string> strings;
  for (std::size_t i = 0; i < array.size(); ++i) strings.push_back(require_string(array[i], index_path(path, i), "a string"));
  return strings;
}

IpPrefix exact_prefix(const IpAddress& address, unsigned length) { return IpPrefix{address, length, true}; }

}  // namespace ctrlab::oracle::record
