#include "ctrlab/oracle/kernel_operation.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cstring>

namespace ctrlab::oracle {
namespace {

// iproute2's matches(): the word is a non-empty prefix of the keyword ("del" -> "delete").
bool abbreviates(std::string_view word, std::string_view keyword) {
  return !word.empty() && word.size() <= keyword.size() && keyword.substr(0, word.size()) == word;
}

enum class Family { unspecified, inet, inet6 };

std::string_view verbose_family(Family family) {
  switch (family) {
    case Family::inet: return "inet";
    case Family::inet6: return "inet6";
    case Family::unspecified: break;
  }
  return "any valid";
}

bool family_matches(Family family, AddressFamily address) {
  return family == Family::unspecified || (family == Family::inet) == (address == AddressFamily::ipv4);
}

ParsedCommand refused(int exit_status, std::string message) {
  ParsedCommand parsed;
  parsed.status = ParsedCommand::Status::refused;
  parsed.refusal = {exit_status, std::move(message)};
  return parsed;
}

ParsedCommand unmodelled(std::string note) {
  ParsedCommand parsed;
  parsed.status = ParsedCommand::Status::unmodelled;
  parsed.note = std::move(note);
  return parsed;
}

ParsedCommand modelled(IpCommand command) {
  ParsedCommand parsed;
  parsed.status = ParsedCommand::Status::modelled;
  parsed.command = std::move(command);
  return parsed;
}

// iproute2's invarg(): exit(-1), i.e. status 255.
ParsedCommand invalid_argument(std::string_view what, std::string_view argument) {
  return refused(255, "Error: argument \"" + std::string(argument) + "\" is wrong: " + std::string(what));
}

// iproute2's NEXT_ARG() at the end of the line.
ParsedCommand incomplete_command() { return refused(255, "Command line is not complete. Try option \"help\""); }

// iproute2's check_ifname(): what the command line accepts as a new name.
bool acceptable_new_name(std::string_view name) {
  if (name.empty() || name.size() >= 16) return false;
  for (const char c : name) {
    if (c == '/' || std::isspace(static_cast<unsigned char>(c)) != 0) return false;
  }
  return true;
}

// get_prefix(): "default"/"any"/"all" are the zero-length prefix of the family.
std::optional<IpPrefix> parse_destination(std::string_view text, Family family) {
  if (text == "default" || text == "any" || text == "all") {
    IpPrefix prefix;
    prefix.address.family = family == Family::inet6 ? AddressFamily::ipv6 : AddressFamily::ipv4;
    prefix.length = 0;
    prefix.explicit_length = true;
    return prefix;
  }
  auto prefix = IpPrefix::parse(text);
  if (!prefix || !family_matches(family, prefix->address.family)) return std::nullopt;
  prefix->explicit_length = true;
  return prefix;
}

ParsedCommand prefix_expected(Family family, std::string_view text) {
  return refused(1, "Error: " + std::string(verbose_family(family)) + " prefix is expected rather than \"" +
                        std::string(text) + "\".");
}

ParsedCommand address_expected(Family family, std::string_view text) {
  return refused(1, "Error: " + std::string(verbose_family(family)) + " address is expected rather than \"" +
                        std::string(text) + "\".");
}

struct Words {
  const Argv& argv;
  std::size_t next;

  [[nodiscard]] bool done() const { return next >= argv.size(); }
  const std::string& take() { return argv[next++]; }
};

ParsedCommand parse_link_set(Words words) {
  LinkSetCommand command;
  while (!words.done()) {
    const std::string& word = words.take();
    if (word == "up" || word == "down") {
      command.up = word == "up";
    } else if (word == "name") {
      if (words.done()) return incomplete_command();
      const std::string& name = words.take();
      if (!acceptable_new_name(name)) return invalid_argument("\"name\" not a valid ifname", name);
      command.new_name = name;
    } else if (word == "master") {
      if (words.done()) return incomplete_command();
      command.master = words.take();
    } else if (word == "nomaster") {
      command.master = std::string();
    } else if (word == "address") {
      if (words.done()) return incomplete_command();
      const std::string& text = words.take();
      const auto mac = MacAddress::parse(text);
      if (!mac) return unmodelled("`ip link set` with the address \"" + text + "\"");
      command.address = *mac;
    } else if (word == "dev" || command.device.empty()) {
      if (word == "dev") {
        if (words.done()) return incomplete_command();
      }
      const std::string& device = word == "dev" ? words.take() : word;
      if (!command.device.empty()) return refused(255, "Error: either \"dev\" is duplicate, or \"" + device + "\" is a garbage.");
      command.device = device;
    } else {
      return unmodelled("`ip link set` with \"" + word + "\"");
    }
  }
  if (command.device.empty()) return refused(255, "Not enough information: \"dev\" argument is required.");
  return modelled(command);
}

ParsedCommand parse_link_delete(Words words) {
  LinkDeleteCommand command;
  while (!words.done()) {
    const std::string& word = words.take();
    if (word == "dev") {
      if (words.done()) return incomplete_command();
      command.device = words.take();
    } else if (command.device.empty()) {
      command.device = word;
    } else {
      return unmodelled("`ip link delete` with \"" + word + "\"");
    }
  }
  if (command.device.empty()) return refused(255, "Not enough information: \"dev\" argument is required.");
  return modelled(command);
}

ParsedCommand parse_address_add(Words words, Family family) {
  std::optional<IpPrefix> local;
  std::string device;
  while (!words.done()) {
    const std::string& word = words.take();
    if (word == "dev") {
      if (words.done()) return incomplete_command();
      device = words.take();
    } else if (word == "local" || !local) {
      const std::string& text = word == "local" ? (words.done() ? word : words.take()) : word;
      auto prefix = IpPrefix::parse(text);
      if (!prefix || !family_matches(family, prefix->address.family)) return prefix_expected(family, text);
      prefix->explicit_length = true;
      local = prefix;
    } else {
      return unmodelled("`ip address add` with \"" + word + "\"");
    }
  }
  if (device.empty()) return refused(1, "Not enough information: \"dev\" argument is required.");
  if (!local) return refused(1, "Not enough information: \"local\" argument is required.");
  return modelled(AddressAddCommand{*local, device});
}

ParsedCommand parse_route_add(Words words, Family family) {
  RouteAddCommand command;
  bool have_destination = false;
  while (!words.done()) {
    const std::string& word = words.take();
    if (word == "via") {
      if (words.done()) return incomplete_command();
      const std::string& text = words.take();
      const auto gateway = IpAddress::parse(text);
      if (!gateway || !family_matches(family, gateway->family)) return address_expected(family, text);
      if (family == Family::unspecified) family = gateway->family == AddressFamily::ipv4 ? Family::inet : Family::inet6;
      command.gateway = gateway;
    } else if (word == "dev" || word == "oif") {
      if (words.done()) return incomplete_command();
      command.device = words.take();
    } else if (word == "onlink") {
      command.onlink = true;
    } else if (word == "metric" || word == "priority" || word == "preference") {
      if (words.done()) return incomplete_command();
      const std::string& text = words.take();
      std::uint32_t metric = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), metric);
      if (error != std::errc{} || end != text.data() + text.size()) return invalid_argument("\"metric\" value is invalid", text);
      command.metric = metric;
    } else if (!have_destination) {
      const std::string& text = word == "to" ? (words.done() ? word : words.take()) : word;
      const auto destination = parse_destination(text, family);
      if (!destination) return prefix_expected(family, text);
      command.destination = *destination;
      have_destination = true;
      if (family == Family::unspecified && text != "default" && text != "any" && text != "all") {
        family = destination->address.family == AddressFamily::ipv4 ? Family::inet : Family::inet6;
      }
    } else {
      return unmodelled("`ip route add` with \"" + word + "\"");
    }
  }
  if (!have_destination) return refused(1, "Error: either \"to\" is duplicate, or \"\" is a garbage.");
  // A "default" parsed before the family was known takes the gateway's family (or inet).
  command.destination.address.family = family == Family::inet6 ? AddressFamily::ipv6 : AddressFamily::ipv4;
  return modelled(command);
}

}  // namespace

bool is_ip_program(std::string_view program) {
  return program == "ip" || (program.size() > 3 && program.substr(program.size() - 3) == "/ip");
}

ParsedCommand parse_ip_command(const Argv& argv) {
  if (argv.empty() || !is_ip_program(argv.front())) return ParsedCommand{};
  Words words{argv, 1};
  Family family = Family::unspecified;
  while (!words.done() && argv[words.next].starts_with("-")) {
    const std::string& option = words.take();
    if (option == "-4") family = Family::inet;
    else if (option == "-6") family = Family::inet6;
    else return unmodelled("`ip` option " + option);
  }
  if (words.done()) return refused(255, "Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }");
  const std::string& object = words.take();
  // iproute2 tries its objects in table order: address before route before link.
  const bool is_address = abbreviates(object, "address");
  const bool is_route = !is_address && abbreviates(object, "route");
  const bool is_link = !is_address && !is_route && abbreviates(object, "link");
  if (!is_address && !is_route && !is_link) return unmodelled("`ip " + object + "`");
  if (words.done()) return unmodelled("`ip " + object + "` without a command (shows state)");
  const std::string& verb = words.take();
  if (is_link && (verb == "set" || abbreviates(verb, "change"))) return parse_link_set(words);
  if (is_link && abbreviates(verb, "delete")) return parse_link_delete(words);
  if (is_address && abbreviates(verb, "add")) return parse_address_add(words, family);
  if (is_route && abbreviates(verb, "add")) return parse_route_add(words, family);
  return unmodelled("`ip " + object + " " + verb + "`");
}

CommandOutcome cannot_find_device(std::string_view name) {
  return {1, "Cannot find device \"" + std::string(name) + "\""};
}

CommandOutcome device_does_not_exist(std::string_view name) {
  return {255, "Error: argument \"" + std::string(name) + "\" is wrong: Device does not exist"};
}

CommandOutcome kernel_refusal(int error_number, std::string_view extended_ack_message) {
  if (!extended_ack_message.empty()) {
    std::string message = "Error: " + std::string(extended_ack_message);
    if (message.back() != '.') message += '.';
    return {2, message};
  }
  return {2, "RTNETLINK answers: " + std::string(std::strerror(error_number))};
}

}  // namespace ctrlab::oracle
