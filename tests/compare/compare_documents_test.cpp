#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "ctrlab/oracle/compare.hpp"
#include "ctrlab/oracle/parse.hpp"
#include "ctrlab/oracle/predict.hpp"

using ctrlab::oracle::Change;
using ctrlab::oracle::ChangeKind;
using ctrlab::oracle::compare_documents;
using nlohmann::json;

namespace {

std::vector<std::string> texts(const std::vector<Change>& changes) {
  std::vector<std::string> out;
  for (const auto& c : changes) out.push_back(c.text());
  return out;
}

// The changes' texts when a container `web` with a routed veth moves from one revision to another.
std::vector<std::string> upgrade(const std::string& host, ctrlab::oracle::Revision from, ctrlab::oracle::Revision to) {
  const auto scenario = ctrlab::oracle::parse_scenario(json::parse(R"({ "host": )" + host + R"(,
    "containers": {"web": {"privateNetwork": true, "hostAddress": "10.0.0.1", "localAddress": "10.0.0.2",
                           "path": "/nix/var/nix/profiles/per-container/web"}}})"));
  return texts(compare_documents(ctrlab::oracle::to_json(ctrlab::oracle::predict(scenario, from)),
                                 ctrlab::oracle::to_json(ctrlab::oracle::predict(scenario, to))));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(compare_documents_spec)

BOOST_AUTO_TEST_CASE(equal_documents_have_no_changes) {
  const json doc = {{"a", {1, 2}}, {"b", "x"}};
  BOOST_TEST(compare_documents(doc, doc).empty());
}

BOOST_AUTO_TEST_CASE(one_inserted_argument_is_one_added_row) {
  const json before = {{"argv", {"nspawn", "-M", "web", "--keep-unit"}}};
  const json after = {{"argv", {"nspawn", "-M", "web", "--private-network", "--keep-unit"}}};
  const auto changes = compare_documents(before, after);
  BOOST_TEST(texts(changes) == std::vector<std::string>{"added   argv[3]: --private-network"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_replaced_argument_is_a_change_at_its_index) {
  const json before = {{"argv", {"nspawn", "--capability=CAP_A CAP_B", "init"}}};
  const json after = {{"argv", {"nspawn", "--capability=CAP_A,CAP_B", "init"}}};
  BOOST_TEST(texts(compare_documents(before, after)) ==
                 std::vector<std::string>{"changed argv[1]: --capability=CAP_A CAP_B -> --capability=CAP_A,CAP_B"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(removed_operations_read_as_command_lines) {
  const json before = {{"ops", {{"ip", "link", "set", "dev", "ve-a", "up"}, {"ip", "addr", "add", "10.0.0.1", "dev", "ve-a"}}}};
  const json after = {{"ops", {{"ip", "link", "set", "dev", "ve-a", "up"}}}};
  BOOST_TEST(texts(compare_documents(before, after)) ==
                 std::vector<std::string>{"removed ops[1]: ip addr add 10.0.0.1 dev ve-a"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(keys_that_are_not_names_are_quoted_in_the_path) {
  const json before = {{"etcFiles", {{"/etc/containers/web.conf", "A=1\n"}}}};
  const json after = {{"etcFiles", {{"/etc/nixos-containers/web.conf", "A=1\n"}}}};
  BOOST_TEST(texts(compare_documents(before, after)) ==
                 (std::vector<std::string>{"removed etcFiles[\"/etc/containers/web.conf\"]: A=1\n",
                                           "added   etcFiles[\"/etc/nixos-containers/web.conf\"]: A=1\n"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(multi_line_text_is_compared_line_by_line) {
  const json before = {{"text", "SYSTEM_PATH=/p\nPRIVATE_NETWORK=1\nHOST_ADDRESS=10.0.0.1\n"}};
  const json after = {{"text", "SYSTEM_PATH=/p\nPRIVATE_NETWORK=1\nHOST_ADDRESS=10.0.0.9\n"}};
  BOOST_TEST(texts(compare_documents(before, after)) ==
                 (std::vector<std::string>{"removed text line 3: HOST_ADDRESS=10.0.0.1",
                                           "added   text line 3: HOST_ADDRESS=10.0.0.9"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_type_change_is_a_change_of_the_whole_value) {
  const json before = {{"RequiresMountsFor", "/var/lib/containers/%i"}};
  const json after = {{"RequiresMountsFor", {"/var/lib/containers/%i"}}};
  const auto changes = compare_documents(before, after);
  BOOST_REQUIRE(changes.size() == 1U);
  BOOST_TEST((changes[0].kind == ChangeKind::changed));
  BOOST_TEST(changes[0].path == "RequiresMountsFor");
}

BOOST_AUTO_TEST_CASE(moving_to_2022_renames_the_configuration_directory) {
  const auto changes = upgrade(R"({"stateVersion": "22.05"})", ctrlab::oracle::Revision::r2021, ctrlab::oracle::Revision::r2022);
  const auto has = [&](const std::string& line) { return std::find(changes.begin(), changes.end(), line) != changes.end(); };
  BOOST_TEST(has("changed containers.web.envFile.path: /etc/containers/web.conf -> /etc/nixos-containers/web.conf"));
  BOOST_TEST(has("changed containers.web.unit.serviceConfig.EnvironmentFile: -/etc/containers/%i.conf -> "
                 "-/etc/nixos-containers/%i.conf"));
  BOOST_TEST(has("changed revision: 2021 -> 2022"));
}

// Operations pair with the one most like them: another program is one removed and one added,
// a command that keeps few of its words is changed whole, one that keeps most word by word.
BOOST_AUTO_TEST_CASE(operations_pair_with_the_command_most_like_them) {
  const json before = {{"ops", {{"mkdir", "-p", "-m", "0755", "/r/etc", "/r/var/lib"}, {"touch", "/r/etc/os-release"}}}};
  const json after = {{"ops",
                       {{"mkdir", "-p", "/r/usr/bin"},
                        {"mkdir", "-p", "/r/etc", "/r/var/lib"},
                        {"chmod", "0755", "/r/etc", "/r/var/lib"},
                        {"touch", "/r/etc/os-release"}}}};
  BOOST_TEST(texts(compare_documents(before, after)) ==
                 (std::vector<std::string>{"added   ops[0]: mkdir -p /r/usr/bin", "removed ops[1][2]: -m",
                                           "removed ops[1][3]: 0755", "added   ops[2]: chmod 0755 /r/etc /r/var/lib"}),
             boost::test_tools::per_element());
  const json few = {{"ops", {{"mkdir", "-p", "/r/usr/bin"}}}};
  const json other = {{"ops", {{"chmod", "0755", "/r/etc"}}}};
  BOOST_TEST(texts(compare_documents(before, few)).front() ==
             "changed ops[0]: mkdir -p -m 0755 /r/etc /r/var/lib -> mkdir -p /r/usr/bin");
  BOOST_TEST(texts(compare_documents(few, other)) ==
                 (std::vector<std::string>{"removed ops[0]: mkdir -p /r/usr/bin", "added   ops[0]: chmod 0755 /r/etc"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(moving_to_2025_shows_the_new_flags_and_env_lines) {
  const auto changes = upgrade("{}", ctrlab::oracle::Revision::r2022, ctrlab::oracle::Revision::r2025);
  const auto has = [&](const std::string& line) { return std::find(changes.begin(), changes.end(), line) != changes.end(); };
  BOOST_TEST(has("added   containers.web.nspawnArgv[7]: --private-users=no"));
  BOOST_TEST(has("changed containers.web.nspawnArgv[11]: --bind-ro=/nix/store -> --bind-ro=/nix/store:/nix/store"));
  BOOST_TEST(has("added   containers.web.envFile.text line 4: COPY_RESOLV_CONF=1"));
  BOOST_TEST(has("added   containers.web.unit.enableStrictShellChecks: true"));
  BOOST_TEST(has("changed revision: 2022 -> 2025"));
}

BOOST_AUTO_TEST_SUITE_END()
