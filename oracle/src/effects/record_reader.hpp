#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ctrlab/oracle/address.hpp"
#include "ctrlab/oracle/kernel_state.hpp"

// Reading ctrlab's JSON records field by field; every failure is a InputError naming the
// JSON path and the expected form.
namespace ctrlab::oracle::record {

// "got a string (\"x\")", "got a number (3)", "got an object", ...: what a value is, for errors.
[[nodiscard]] std::string got(const nlohmann::json& value);

[[nodiscard]] std::string member_path(const std::string& path, std::string_view key);
[[nodiscard]] std::string index_path(const std::string& path, std::size_t index);

// A JSON object at a path.
class ObjectReader {
 public:
  ObjectReader(const nlohmann::json& value, std::string path);

  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] std::string path_of(std::string_view key) const { return member_path(path_, key); }
  [[nodiscard]] const nlohmann::json* find(std::string_view key) const;  // nullptr if absent or null
  [[nodiscard]] const nlohmann::json& required(std::string_view key, std::string_view expected) const;

  [[nodiscard]] std::string string(std::string_view key) const;
  [[nodiscard]] std::optional<std::string> optional_string(std::string_view key) const;
  [[nodiscard]] bool boolean(std::string_view key, bool fallback) const;
  [[nodiscard]] std::int64_t integer(std::string_view key, std::int64_t fallback, std::int64_t min, std::int64_t max) const;
  [[nodiscard]] std::vector<std::string> strings(std::string_view key) const;  // absent: empty

 private:
  const nlohmann::json& value_;
  std::string path_;
};

[[nodiscard]] const nlohmann::json& require_array(const nlohmann::json& value, const std::string& path, std::string_view expected);
[[nodiscard]] std::string require_string(const nlohmann::json& value, const std::string& path, std::string_view expected);
[[nodiscard]] IpAddress parse_address(const nlohmann::json& value, const std::string& path);
[[nodiscard]] IpPrefix parse_prefix(const nlohmann::json& value, const std::string& path);
[[nodiscard]] std::vector<std::string> parse_argv(const nlohmann::json& value, const std::string& path);

// A prefix as the kernel reports it: the length is always explicit.
[[nodiscard]] IpPrefix exact_prefix(const IpAddress& address, unsigned length);

}  // namespace ctrlab::oracle::record
