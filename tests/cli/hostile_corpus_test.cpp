// A corpus of hostile scenario files, as pull requests could bring them: every one is written
// to a real file and given to `ctrlab predict`, which must refuse it with exit 2 and a message
// naming the file and the JSON path of what is wrong ("scenario" for the document itself).
// Each is bounded by construction (InputLimits); the slowest times are printed, not asserted
// (speed targets live in bench/README.md, "Hostile scenario corpus").
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "run_program.hpp"

namespace {

struct Hostile {
  std::string name;  // also the file name
  std::string text;
  std::string path;  // the JSON path the message must name; "" for the document
};

std::string repeated(std::string_view text, std::size_t times) {
  std::string out;
  out.reserve(text.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += text;
  return out;
}

// `count` comma-separated copies of what `item(i)` gives.
template <class Item>
std::string listed(std::size_t count, const Item& item) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) out += (i == 0 ? "" : ",") + item(i);
  return out;
}

std::string json_string(std::string_view text) { return "\"" + std::string(text) + "\""; }

// A scenario with one container `web` (path /p) and more options.
std::string web(const std::string& options) {
  return R"({ "containers": { "web": { "path": "/p")" + (options.empty() ? "" : ", " + options) + " } } }";
}

std::string with_host(const std::string& host) { return R"({ "host": )" + host + R"(, "containers": {} })"; }

class Corpus {
 public:
  void add(std::string name, std::string text, std::string path) {
    cases.push_back({std::to_string(cases.size()) + "-" + std::move(name), std::move(text), std::move(path)});
  }
  std::vector<Hostile> cases;
};

void structure(Corpus& corpus) {
  const std::string deep_arrays = repeated("[", 100'000) + repeated("]", 100'000);
  const std::string deep_objects = repeated(R"({"a":)", 100'000) + "1" + repeated("}", 100'000);
  // Where the 129th level opens, below each place a value can nest.
  const std::vector<std::pair<std::string, std::string>> places = {
      {"config", "containers.web.config"}, {"extraFlags", "containers.web.extraFlags"},
      {"bindMounts", "containers.web.bindMounts"}, {"description", "description"}, {"revisions", "revisions"}};
  for (const auto& [key, path] : places) {
    const bool top = key == "description" || key == "revisions";
    const std::size_t above = top ? 1 : 3;  // levels above the value (the document is the first)
    const auto text = [&](const std::string& value) {
      return top ? R"({ ")" + key + R"(": )" + value + R"(, "containers": {} })" : web(json_string(key) + ": " + value);
    };
    // Levels above+1 to 128 are open when the 129th is refused: each is a step of its path.
    corpus.add("deep-arrays-" + key, text(deep_arrays), path + repeated("[0]", 128 - above));
    corpus.add("deep-objects-" + key, text(deep_objects), path + repeated(".a", 128 - above));
  }
  corpus.add("deep-top-level", deep_arrays, repeated("[0]", 128));
  corpus.add("too-many-keys-in-config", web(R"("config": {)" + listed(100'001, [](std::size_t i) {
                                            return "\"k" + std::to_string(i) + "\": 0";
                                          }) + "}"),
             "containers.web.config");
  corpus.add("too-many-flags", web(R"("extraFlags": [)" + listed(100'001, [](std::size_t) { return std::string("\"-q\""); }) + "]"),
             "containers.web.extraFlags");
  corpus.add("too-many-containers-keys", R"({ "containers": {)" + listed(100'001, [](std::size_t i) {
               return "\"c" + std::to_string(i) + "\": {}";
             }) + "} }",
             "containers");
  corpus.add("too-many-values", web(R"("config": [)" + listed(21, [](std::size_t) {
                                      return "[" + listed(100'000, [](std::size_t) { return std::string("0"); }) + "]";
                                    }) + "]"),
             // 5 values before config's elements, 19 arrays of 100 001, the 20th array itself: the
             // 2 000 001st value is that array's element 99 975.
             "containers.web.config[19][99975]");
  corpus.add("too-many-containers", R"({ "containers": {)" + listed(100'001, [](std::size_t i) {
               return "\"c" + std::to_string(i) + "\": { \"path\": \"/p\" }";
             }) + "} }",
             "containers");
  corpus.add("too-many-shared-segment-entries",
             web(R"("extraFlags": [)" + listed(1001, [](std::size_t) { return std::string("\"-q\""); }) + "]"),
             "containers.web.extraFlags");
  corpus.add("too-many-bridged-containers", R"({ "containers": {)" + listed(1001, [](std::size_t i) {
               return "\"c" + std::to_string(i) + R"(": { "path": "/p", "privateNetwork": true, "hostBridge": "br0" })";
             }) + "} }",
             "containers.c999.hostBridge");  // containers are counted in name order
  corpus.add("too-many-network-entries", R"({ "host": { "network": { "interfaces": {)" + listed(3, [](std::size_t n) {
               return "\"eth" + std::to_string(n) + R"(": { "kind": "device", "addresses": [)" +
                      listed(99'999, [n](std::size_t i) {
                        return "\"10." + std::to_string(2 * n + i / 65'536) + "." + std::to_string(i / 256 % 256) + "." +
                               std::to_string(i % 256) + "/32\"";
                      }) + "] }";
             }) + "} } }, \"containers\": {} }",
             "host.network.interfaces.eth1.addresses");  // 3 interfaces and 199 998 addresses by there
  // Duplicate keys at every level, the last key of a large object among them.
  corpus.add("duplicate-top-level", R"({ "containers": {}, "containers": {} })", "containers");
  corpus.add("duplicate-container", R"({ "containers": { "web": { "path": "/a" }, "web": { "path": "/b" } } })",
             "containers.web");
  for (const char* option : {"path", "autoStart", "privateNetwork", "hostAddress", "extraFlags", "bindMounts", "config"}) {
    corpus.add(std::string("duplicate-option-") + option, web(json_string(option) + ": null, " + json_string(option) + ": null"),
               std::string("containers.web.") + option);
  }
  for (const char* key : {"stateVersion", "kernelVersion", "machineId", "network"}) {
    corpus.add(std::string("duplicate-host-") + key, with_host("{ " + json_string(key) + ": 1, " + json_string(key) + ": 2 }"),
               std::string("host.") + key);
  }
  corpus.add("duplicate-among-many", web(R"("config": {)" + listed(99'999, [](std::size_t i) {
                                           return "\"k" + std::to_string(i) + "\": 0";
                                         }) + R"(, "k12345": 1 })"),
             "containers.web.config.k12345");
  corpus.add("duplicate-in-list-entry", web(R"("forwardPorts": [ { "hostPort": 1, "hostPort": 2 } ])"),
             "containers.web.forwardPorts[0].hostPort");
  // Bytes that are no JSON text, and what nlohmann would take for its end.
  for (const std::size_t at : {0UL, 1UL, 15UL, 30UL}) {
    std::string text = web("");
    text.insert(at, 1, '\0');
    corpus.add("nul-byte-at-" + std::to_string(at), text, "");
  }
  corpus.add("nul-byte-then-garbage", web("") + std::string(1, '\0') + "garbage", "");
  corpus.add("escaped-nul-in-path", R"({ "containers": { "web": { "path": "/p\u0000" } } })", "containers.web.path");
  corpus.add("escaped-nul-in-name", R"({ "containers": { "w\u0000eb": { "path": "/p" } } })", R"(containers["w\u0000eb"])");
  corpus.add("escaped-nul-in-config-key", web(R"("config": { "k\u0000": 1 })"), R"(containers.web.config["k\u0000"])");
  corpus.add("escaped-nul-in-description", R"({ "description": "a\u0000b", "containers": {} })", "description");
  corpus.add("escaped-nul-in-flag", web(R"("extraFlags": ["--x\u0000"])"), "containers.web.extraFlags[0]");
  corpus.add("escaped-nul-in-bridge", web(R"("hostBridge": "br\u00000")"), "containers.web.hostBridge");
  // Numbers beyond a double.
  corpus.add("huge-host-port", web(R"("forwardPorts": [ { "hostPort": 1e400 } ])"), "containers.web.forwardPorts[0].hostPort");
  corpus.add("huge-negative-port", web(R"("forwardPorts": [ { "hostPort": -1e400 } ])"),
             "containers.web.forwardPorts[0].hostPort");
  corpus.add("huge-container-port", web(R"("forwardPorts": [ { "hostPort": 80, "containerPort": 9e999 } ])"),
             "containers.web.forwardPorts[0].containerPort");
  corpus.add("huge-in-config", web(R"("config": { "a": [1, 2, 1e309] })"), "containers.web.config.a[2]");
  corpus.add("huge-exit-code",
             R"({ "containers": { "web": { "path": "/p" } }, "probe": { "web": { "boots": [ { "action": "exit", "code": 1e400 } ] } } })",
             "probe.web.boots[0].code");
  corpus.add("huge-after-ms",
             R"({ "containers": { "web": { "path": "/p" } }, "probe": { "web": { "boots": [ { "afterMs": 1e400 } ] } } })",
             "probe.web.boots[0].afterMs");
  corpus.add("huge-description", R"({ "description": 1e400, "containers": {} })", "description");
  // Malformed text: the document is the place, with its line and column.
  for (const auto& [name, text] : std::vector<std::pair<std::string, std::string>>{
           {"empty", ""}, {"truncated", R"({ "containers": { "web": )"}, {"trailing-comma", R"({ "containers": {}, })"},
           {"single-quotes", "{ 'containers': {} }"}, {"comment", "{ /* x */ \"containers\": {} }"},
           {"raw-newline-in-string", "{ \"containers\": { \"a\nb\": {} } }"}, {"bad-utf8", "{ \"containers\": { \"\xff\": {} } }"},
           {"two-documents", R"({ "containers": {} } { "containers": {} })"}, {"bare-word", "containers"}}) {
    corpus.add("malformed-" + name, text, "");
  }
}

void container_names(Corpus& corpus) {
  const std::vector<std::pair<std::string, std::string>> names = {
      {"empty", ""},       {"slash", "a/b"},     {"newline", "a\\nb"}, {"dotdot-path", "../../.."}, {"dotdot", ".."},
      {"dot", "."},        {"space", "my web"},  {"tab", "a\\tb"},     {"return", "a\\rb"},         {"control", "a\\u0001b"},
      {"umlaut", "\\u00fc"}, {"semicolon", "a;b"}, {"dollar", "$(x)"},  {"star", "a*b"},             {"bracket", "a[b]"},
      {"quote", "a'b"},    {"dquote", "a\\\"b"}, {"comma", "a,b"},     {"hash", "a#b"},             {"percent", "a%b"},
      {"amp", "a&b"},      {"pipe", "a|b"},      {"lt", "a<b"},        {"gt", "a>b"},               {"tilde", "a~b"},
      {"bang", "a!b"},     {"caret", "a^b"},     {"backtick", "a`b"},  {"brace", "a{b"},            {"paren", "a(b)"},
      {"too-long", std::string(189, 'a')}, {"far-too-long", std::string(5000, 'a')}, {"slash-only", "/"},
      {"absolute", "/etc/passwd"}, {"home", "~/x"}, {"backslash-slash", "a\\\\/b"}};
  for (const auto& [name, json_name] : names) {
    // The expected path: the name in its JSON form, quoted unless it is a plain identifier.
    const bool plain =
        !json_name.empty() && std::all_of(json_name.begin(), json_name.end(), [](char c) { return c == 'a'; });
    const std::string shown = json_name == "\\u00fc" ? "\u00fc" : json_name;  // printed as UTF-8
    corpus.add("name-" + name, R"({ "containers": { ")" + json_name + R"(": { "path": "/p" } } })",
               plain ? "containers." + json_name : "containers[\"" + shown + "\"]");
  }
}

void wrong_types(Corpus& corpus) {
  const std::vector<std::string> booleans = {"autoStart", "privateNetwork", "enableTun", "ephemeral"};
  for (const auto& option : booleans) {
    for (const auto& [kind, value] : std::vector<std::pair<std::string, std::string>>{
             {"string", "\"yes\""}, {"number", "1"}, {"list", "[true]"}, {"object", "{}"}, {"null", "null"}}) {
      corpus.add(option + "-" + kind, web(json_string(option) + ": " + value), "containers.web." + option);
    }
  }
  const std::vector<std::string> string_lists = {"extraFlags", "tmpfs", "additionalCapabilities", "interfaces", "macvlans"};
  for (const auto& option : string_lists) {
    corpus.add(option + "-string", web(json_string(option) + R"(: "x")"), "containers.web." + option);
    corpus.add(option + "-object", web(json_string(option) + ": {}"), "containers.web." + option);
    corpus.add(option + "-number-element", web(json_string(option) + R"(: ["a", 7])"), "containers.web." + option + "[1]");
    corpus.add(option + "-list-element", web(json_string(option) + R"(: [["a"]])"), "containers.web." + option + "[0]");
  }
  // 2025's options: a value of the wrong JSON type (a value of the right one that the option's
  // type refuses is the module's to refuse, and predicted).
  for (const auto& [name, value, path] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"privateUsers-object", R"("privateUsers": {})", "containers.web.privateUsers"},
           {"privateUsers-fraction", R"("privateUsers": 1.5)", "containers.web.privateUsers"},
           {"privateUsers-too-large", R"("privateUsers": 18446744073709551615)", "containers.web.privateUsers"},
           {"localMacAddress-number", R"("localMacAddress": 42)", "containers.web.localMacAddress"},
           {"networkNamespace-list", R"("networkNamespace": ["/run/netns/a"])", "containers.web.networkNamespace"},
           {"flake-bool", R"("flake": true)", "containers.web.flake"},
           {"copyResolvConf-string", R"("copyResolvConf": "no")", "containers.web.copyResolvConf"},
           {"extraVeths-mac-number", R"("extraVeths": { "v1": { "localMacAddress": 1 } })",
            "containers.web.extraVeths.v1.localMacAddress"}}) {
    corpus.add(name, web(value), path);
  }
  for (const std::string option : {"hostBridge", "timeoutStartSec"}) {
    corpus.add(option + "-number", web(json_string(option) + ": 60"), "containers.web." + option);
    corpus.add(option + "-list", web(json_string(option) + R"(: ["a"])"), "containers.web." + option);
    corpus.add(option + "-bool", web(json_string(option) + ": true"), "containers.web." + option);
  }
  for (const std::string option : {"path", "root"}) {
    corpus.add(option + "-relative", web(json_string(option) + R"(: "profiles/web")"), "containers.web." + option);
    corpus.add(option + "-empty", web(json_string(option) + R"(: "")"), "containers.web." + option);
    corpus.add(option + "-number", web(json_string(option) + ": 1"), "containers.web." + option);
  }
  for (const auto& [name, value, path] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"forwardPorts-object", R"("forwardPorts": {})", "containers.web.forwardPorts"},
           {"forwardPorts-no-host-port", R"("forwardPorts": [ { "protocol": "udp" } ])", "containers.web.forwardPorts[0]"},
           {"forwardPorts-string-port", R"("forwardPorts": [ { "hostPort": "80" } ])", "containers.web.forwardPorts[0].hostPort"},
           {"forwardPorts-bool", R"("forwardPorts": [ { "hostPort": true } ])", "containers.web.forwardPorts[0].hostPort"},
           {"forwardPorts-null", R"("forwardPorts": [ { "hostPort": null } ])", "containers.web.forwardPorts[0].hostPort"},
           {"forwardPorts-fraction", R"("forwardPorts": [ { "hostPort": 80.5 } ])", "containers.web.forwardPorts[0].hostPort"},
           {"forwardPorts-u64", R"("forwardPorts": [ { "hostPort": 18446744073709551615 } ])", "containers.web.forwardPorts[0].hostPort"},
           {"forwardPorts-container-string", R"("forwardPorts": [ { "hostPort": 80, "containerPort": "80" } ])",
            "containers.web.forwardPorts[0].containerPort"},
           {"forwardPorts-protocol-number", R"("forwardPorts": [ { "hostPort": 80, "protocol": 6 } ])",
            "containers.web.forwardPorts[0].protocol"},
           {"forwardPorts-duplicate", R"("forwardPorts": [ { "hostPort": 80 }, { "hostPort": 80, "containerPort": 8 } ])",
            "containers.web.forwardPorts[1]"},
           {"bindMounts-number", R"("bindMounts": 1)", "containers.web.bindMounts"},
           {"bindMounts-entry-string", R"("bindMounts": { "/a": "/b" })", R"(containers.web.bindMounts["/a"])"},
           {"bindMounts-readonly-string", R"("bindMounts": { "/a": { "isReadOnly": "no" } })",
            R"(containers.web.bindMounts["/a"].isReadOnly)"},
           {"bindMounts-hostPath-number", R"("bindMounts": { "/a": { "hostPath": 1 } })",
            R"(containers.web.bindMounts["/a"].hostPath)"},
           {"allowedDevices-object", R"("allowedDevices": {})", "containers.web.allowedDevices"},
           {"allowedDevices-no-node", R"("allowedDevices": [ { "modifier": "rw" } ])", "containers.web.allowedDevices[0]"},
           {"allowedDevices-no-modifier", R"("allowedDevices": [ { "node": "/dev/fuse" } ])", "containers.web.allowedDevices[0]"},
           {"allowedDevices-node-number", R"("allowedDevices": [ { "node": 1, "modifier": "rw" } ])",
            "containers.web.allowedDevices[0].node"},
           {"extraVeths-list", R"("extraVeths": [])", "containers.web.extraVeths"},
           {"extraVeths-entry-string", R"("extraVeths": { "v1": "br0" })", "containers.web.extraVeths.v1"},
           {"extraVeths-bridge-number", R"("extraVeths": { "v1": { "hostBridge": 1 } })", "containers.web.extraVeths.v1.hostBridge"},
           {"options-list", R"("x": 1)", "containers.web.x"}}) {
    corpus.add(name, web(value), path);
  }
  corpus.add("container-is-list", R"({ "containers": { "web": [] } })", "containers.web");
  corpus.add("container-is-string", R"({ "containers": { "web": "x" } })", "containers.web");
  corpus.add("containers-is-list", R"({ "containers": [] })", "containers");
  corpus.add("document-is-list", "[]", "");
  corpus.add("document-is-string", "\"x\"", "");
  corpus.add("no-containers", "{}", "");
}

void unknown_keys(Corpus& corpus) {
  for (const char* key : {"container", "Containers", "hosts", "probes", "revision", "x"}) {
    corpus.add(std::string("unknown-top-") + key, "{ " + json_string(key) + R"(: {}, "containers": {} })", key);
  }
  for (const char* key : {"hostAdress", "autostart", "bindMount", "extraFlag", "privatenetwork", "pkg", "port"}) {
    corpus.add(std::string("unknown-option-") + key, web(json_string(key) + ": 1"), std::string("containers.web.") + key);
  }
  for (const char* key : {"stateversion", "kernel", "machineid", "networks"}) {
    corpus.add(std::string("unknown-host-") + key, with_host("{ " + json_string(key) + ": 1 }"), std::string("host.") + key);
  }
  corpus.add("unknown-port-key", web(R"("forwardPorts": [ { "hostPort": 1, "proto": "tcp" } ])"),
             "containers.web.forwardPorts[0].proto");
  corpus.add("unknown-bind-key", web(R"("bindMounts": { "/a": { "readOnly": true } })"),
             R"(containers.web.bindMounts["/a"].readOnly)");
  corpus.add("unknown-veth-key", web(R"("extraVeths": { "v1": { "bridge": "br0" } })"), "containers.web.extraVeths.v1.bridge");
  corpus.add("unknown-device-key", web(R"("allowedDevices": [ { "node": "/dev/x", "modifier": "r", "mode": 1 } ])"),
             "containers.web.allowedDevices[0].mode");
  corpus.add("unknown-network-key", with_host(R"({ "network": { "bridges": {} } })"), "host.network.bridges");
  corpus.add("unknown-interface-key", with_host(R"({ "network": { "interfaces": { "br0": { "kind": "bridge", "ports": [] } } } })"),
             "host.network.interfaces.br0.ports");
}

void addresses(Corpus& corpus) {
  const std::vector<std::string> options = {"hostAddress", "hostAddress6", "localAddress", "localAddress6"};
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"octet", "10.0.0.256"}, {"prefix", "10.0.0.1/33"}, {"v6-prefix", "fc00::1/129"}, {"triple-colon", "fc00:::1"},
      {"name", "example.org"}, {"empty-prefix", "10.0.0.1/"}, {"empty", ""}, {"first-line-empty", "\\n10.0.0.1"},
      {"space", "10.0.0.1 x"}};
  for (const auto& option : options) {
    for (const auto& [kind, value] : bad) {
      corpus.add(option + "-" + kind, web(json_string(option) + ": " + json_string(value)), "containers.web." + option);
    }
    corpus.add(option + "-number", web(json_string(option) + ": 10"), "containers.web." + option);
    corpus.add("extraVeth-" + option, web(R"("extraVeths": { "v1": { )" + json_string(option) + R"(: "x" } })"),
               "containers.web.extraVeths.v1." + option);
  }
}

void host_facts(Corpus& corpus) {
  for (const auto& [name, host, path] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"machine-id-short", R"({ "machineId": "abc" })", "host.machineId"},
           {"machine-id-upper", R"({ "machineId": "0123456789ABCDEF0123456789ABCDEF" })", "host.machineId"},
           {"machine-id-number", R"({ "machineId": 1 })", "host.machineId"},
           {"state-version-word", R"({ "stateVersion": "latest" })", "host.stateVersion"},
           {"state-version-empty", R"({ "stateVersion": "" })", "host.stateVersion"},
           {"state-version-number", R"({ "stateVersion": 22.05 })", "host.stateVersion"},
           {"kernel-word", R"({ "kernelVersion": "linux" })", "host.kernelVersion"},
           {"system-empty", R"({ "system": "" })", "host.system"},
           {"packages-relative", R"({ "packages": { "systemd": "nix/store/x" } })", "host.packages.systemd"},
           {"packages-space", R"({ "packages": { "systemd": "/nix/store/a b" } })", "host.packages.systemd"},
           {"packages-list", R"({ "packages": [] })", "host.packages"},
           {"virtualisation-string", R"({ "virtualisationContainers": "yes" })", "host.virtualisationContainers"},
           {"network-list", R"({ "network": [] })", "host.network"},
           {"ip-forward-string", R"({ "network": { "ipForward": "yes" } })", "host.network.ipForward"},
           {"interface-kind", R"({ "network": { "interfaces": { "br0": { "kind": "switch" } } } })", "host.network.interfaces.br0.kind"},
           {"interface-lo", R"({ "network": { "interfaces": { "lo": {} } } })", "host.network.interfaces.lo"},
           {"interface-long", R"({ "network": { "interfaces": { "sixteen-chars-xy": {} } } })",
            "host.network.interfaces.sixteen-chars-xy"},
           {"interface-slash", R"({ "network": { "interfaces": { "a/b": {} } } })", "host.network.interfaces.a/b"},
           {"interface-address", R"({ "network": { "interfaces": { "br0": { "addresses": ["10.0.0.1/33"] } } } })",
            "host.network.interfaces.br0.addresses[0]"},
           {"interface-mac", R"({ "network": { "interfaces": { "br0": { "mac": "zz" } } } })", "host.network.interfaces.br0.mac"},
           {"interface-up-string", R"({ "network": { "interfaces": { "br0": { "up": "yes" } } } })", "host.network.interfaces.br0.up"},
           {"bridge-own-master", R"({ "network": { "interfaces": { "br0": { "kind": "bridge", "master": "br0" } } } })",
            "host.network.interfaces.br0.master"},
           {"bridge-master-loop", R"({ "network": { "interfaces": { "br1": { "kind": "bridge", "master": "br2" },
                                     "br2": { "kind": "bridge", "master": "br1" } } } })",
            "host.network.interfaces.br1.master"},
           {"master-missing", R"({ "network": { "interfaces": { "eth1": { "master": "br9" } } } })", "host.network.interfaces.eth1.master"},
           {"master-not-bridge", R"({ "network": { "interfaces": { "eth1": { "master": "eth2" }, "eth2": {} } } })",
            "host.network.interfaces.eth1.master"},
           {"host-is-list", "[]", "host"}}) {
    corpus.add("host-" + name, with_host(host), path);
  }
}

void probes_and_revisions(Corpus& corpus) {
  const std::string web_only = R"("containers": { "web": { "path": "/p" } })";
  for (const auto& [name, probe, path] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"unknown-container", R"({ "db": { "boots": [ {} ] } })", "probe.db"},
           {"bad-action", R"({ "web": { "boots": [ { "action": "explode" } ] } })", "probe.web.boots[0].action"},
           {"code-too-big", R"({ "web": { "boots": [ { "action": "exit", "code": 256 } ] } })", "probe.web.boots[0].code"},
           {"negative-after", R"({ "web": { "boots": [ { "action": "exit", "afterMs": -1 } ] } })", "probe.web.boots[0].afterMs"},
           {"no-action", R"({ "web": { "boots": [ { "afterMs": 5 } ] } })", "probe.web.boots[0]"},
           {"boots-empty", R"({ "web": { "boots": [] } })", "probe.web.boots"},
           {"boots-object", R"({ "web": { "boots": {} } })", "probe.web.boots"},
           {"no-boots", R"({ "web": {} })", "probe.web"},
           {"unknown-boot-key", R"({ "web": { "boots": [ { "action": "exit", "signal": 9 } ] } })", "probe.web.boots[0].signal"}}) {
    corpus.add("probe-" + name, "{ " + web_only + R"(, "probe": )" + probe + " }", path);
  }
  for (const auto& [name, revisions, path] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"empty", "[]", "revisions"}, {"unknown", R"(["2023"])", "revisions[0]"}, {"twice", R"(["2021", "2021"])", "revisions[1]"},
           {"number", "[2021]", "revisions[0]"}, {"string", R"("2021")", "revisions"}}) {
    corpus.add("revisions-" + name, R"({ "revisions": )" + revisions + ", " + web_only + " }", path);
  }
}

std::vector<Hostile> all_hostile_files() {
  Corpus corpus;
  structure(corpus);
  container_names(corpus);
  wrong_types(corpus);
  unknown_keys(corpus);
  addresses(corpus);
  host_facts(corpus);
  probes_and_revisions(corpus);
  return corpus.cases;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hostile_corpus)

BOOST_AUTO_TEST_CASE(the_corpus_is_large_enough) { BOOST_TEST(all_hostile_files().size() >= 250U); }

BOOST_AUTO_TEST_CASE(every_hostile_file_exits_2_naming_the_file_and_the_json_path) {
  const TemporaryDirectory dir;
  std::vector<std::pair<double, std::string>> seconds;
  for (const auto& hostile : all_hostile_files()) {
    const auto file = dir.write(hostile.name + ".json", hostile.text);
    const auto start = std::chrono::steady_clock::now();
    const auto result = run_ctrlab({"predict", "--all-revisions", file.string()});
    seconds.emplace_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), hostile.name);
    const std::string place = file.string() + ": " + (hostile.path.empty() ? "" : hostile.path + ": ");
    BOOST_TEST_CONTEXT(hostile.name) {
      BOOST_TEST(result.exit_code == 2);
      BOOST_TEST(result.err.starts_with(place), "stderr: " << result.err.substr(0, 400) << "\nwanted: " << place);
      BOOST_TEST(result.out.empty());
    }
  }
  BOOST_TEST_MESSAGE(seconds.size() << " hostile files");
  std::sort(seconds.rbegin(), seconds.rend());
  for (std::size_t i = 0; i < 5 && i < seconds.size(); ++i) {
    BOOST_TEST_MESSAGE("slowest: " << seconds[i].second << " " << seconds[i].first << " s");
  }
}

BOOST_AUTO_TEST_SUITE_END()
