#include "scenario/icmp_echo.hpp"

namespace ctrlab::runner::icmp_echo {
namespace {

// RFC 792 / RFC 4443 message types.
constexpr std::uint8_t echo_request_v4 = 8;
constexpr std::uint8_t echo_reply_v4 = 0;
constexpr std::uint8_t echo_request_v6 = 128;
constexpr std::uint8_t echo_reply_v6 = 129;
constexpr std::size_t header_length = 8;
constexpr std::uint8_t payload[] = {'c', 't', 'r', 'l', 'a', 'b'};

std::uint16_t internet_checksum(std::span<const std::uint8_t> data) {
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i < data.size(); i += 2) {
    const auto high = static_cast<std::uint32_t>(data[i]) << 8U;
    sum += high | (i + 1 < data.size() ? data[i + 1] : 0U);
  }
  while ((sum >> 16U) != 0) sum = (sum & 0xffffU) + (sum >> 16U);
  return static_cast<std::uint16_t>(~sum & 0xffffU);
}

void put16(std::vector<std::uint8_t>& out, std::size_t at, std::uint16_t value) {
  out[at] = static_cast<std::uint8_t>(value >> 8U);
  out[at + 1] = static_cast<std::uint8_t>(value & 0xffU);
}

std::uint16_t get16(std::span<const std::uint8_t> in, std::size_t at) {
  return static_cast<std::uint16_t>((static_cast<unsigned>(in[at]) << 8U) | in[at + 1]);
}

}  // namespace

std::vector<std::uint8_t> request(oracle::AddressFamily family, EchoId id) {
  std::vector<std::uint8_t> message(header_length + sizeof payload);
  message[0] = family == oracle::AddressFamily::ipv4 ? echo_request_v4 : echo_request_v6;
  put16(message, 4, id.identifier);
  put16(message, 6, id.sequence);
  for (std::size_t i = 0; i < sizeof payload; ++i) message[header_length + i] = payload[i];
  if (family == oracle::AddressFamily::ipv4) put16(message, 2, internet_checksum(message));
  return message;
}

std::optional<EchoId> reply(oracle::AddressFamily family, std::span<const std::uint8_t> packet) {
  std::size_t offset = 0;
  if (family == oracle::AddressFamily::ipv4) {
    if (packet.empty()) return std::nullopt;
    offset = static_cast<std::size_t>(packet[0] & 0x0fU) * 4;
  }
  if (packet.size() < offset + header_length) return std::nullopt;
  const auto message = packet.subspan(offset);
  if (message[0] != (family == oracle::AddressFamily::ipv4 ? echo_reply_v4 : echo_reply_v6) || message[1] != 0) {
    return std::nullopt;
  }
  return EchoId{get16(message, 4), get16(message, 6)};
}

}  // namespace ctrlab::runner::icmp_echo
