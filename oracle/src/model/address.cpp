#include "ctrlab/oracle/address.hpp"

#include <arpa/inet.h>

#include <array>
#include <charconv>
#include <cstdint>

namespace ctrlab::oracle {

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
  const std::string copy(text);  // inet_pton wants a NUL-terminated string
  IpAddress address;
  if (inet_pton(AF_INET, copy.c_str(), address.bytes.data()) == 1) {
    address.family = AddressFamily::ipv4;
    return address;
  }
  if (inet_pton(AF_INET6, copy.c_str(), address.bytes.data()) == 1) {
    address.family = AddressFamily::ipv6;
    return address;
  }
  return std::nullopt;
}

namespace {

// inet_ntop()'s IPv4 form ("%u.%u.%u.%u"), without its sprintf: a large host's prediction
// writes hundreds of thousands of addresses.
std::string dotted_quad(const std::array<std::uint8_t, 16>& bytes) {
  std::array<char, 16> text{};  // "255.255.255.255"
  char* end = text.data();
  for (std::size_t i = 0; i < 4; ++i) {
    if (i > 0) *end++ = '.';
    end = std::to_chars(end, text.data() + text.size(), bytes[i]).ptr;
  }
  return {text.data(), end};
}

}  // namespace

std::string IpAddress::to_string() const {
  if (family == AddressFamily::ipv4) return dotted_quad(bytes);
  char buffer[INET6_ADDRSTRLEN] = {};
  inet_ntop(AF_INET6, bytes.data(), buffer, sizeof buffer);
  return buffer;
}

std::optional<IpPrefix> IpPrefix::parse(std::string_view text) {
  const auto slash = text.find('/');
  const auto address = IpAddress::parse(text.substr(0, slash));
  if (!address) return std::nullopt;
  IpPrefix prefix{*address, address->max_prefix_length(), false};
  if (slash == std::string_view::npos) return prefix;
  const std::string_view digits = text.substr(slash + 1);
  unsigned length = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), length);
  if (digits.empty() || error != std::errc{} || end != digits.data() + digits.size() ||
      length > address->max_prefix_length()) {
    return std::nullopt;
  }
  prefix.length = length;
  prefix.explicit_length = true;
  return prefix;
}

std::string IpPrefix::to_string() const { return address.to_string() + "/" + std::to_string(length); }

IpPrefix IpPrefix::network() const {
  IpPrefix result = *this;
  const unsigned total_bits = address.max_prefix_length();
  for (unsigned bit = length; bit < total_bits; ++bit) {
    result.address.bytes[bit / 8] = static_cast<std::uint8_t>(result.address.bytes[bit / 8] & ~(0x80U >> (bit % 8)));
  }
  return result;
}

bool IpPrefix::contains(const IpAddress& other) const {
  if (other.family != address.family) return false;
  IpPrefix candidate = *this;
  candidate.address = other;
  return candidate.network().address == network().address;
}

}  // namespace ctrlab::oracle
