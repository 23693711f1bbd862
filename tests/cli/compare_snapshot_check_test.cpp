#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "run_program.hpp"

namespace {

const std::string routed = R"({
  "revisions": ["2021", "2022"],
  "containers": {"web": {"privateNetwork": true, "hostAddress": "10.0.0.1", "localAddress": "10.0.0.2",
                         "path": "/nix/var/nix/profiles/per-container/web"}}})";

std::string with_bridge() {
  auto doc = nlohmann::json::parse(routed);
  doc["containers"]["web"].erase("hostAddress");
  doc["containers"]["web"]["hostBridge"] = "br0";
  return doc.dump();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(compare_command)

BOOST_AUTO_TEST_CASE(an_option_change_lists_what_it_changes_and_exits_one) {
  const TemporaryDirectory dir;
  const auto before = dir.write("before.json", routed);
  const auto after = dir.write("after.json", with_bridge());
  const auto result = run_ctrlab({"compare", before.string(), after.string()});
  BOOST_TEST(result.exit_code == 1);
  BOOST_TEST(result.out.find("\nweb: env file line HOST_ADDRESS=10.0.0.1 removed\n") != std::string::npos);
  BOOST_TEST(result.out.find("\nweb: nspawn argv: added --network-bridge=br0\n") != std::string::npos);
  BOOST_TEST(result.out.find("hostOps") == std::string::npos);  // the argv is not said again
}

BOOST_AUTO_TEST_CASE(the_same_scenario_twice_is_no_change) {
  const TemporaryDirectory dir;
  const auto file = dir.write("web.json", routed);
  const auto result = run_ctrlab({"compare", file.string(), file.string(), "--revision", "2018"});
  BOOST_TEST(result.exit_code == 0);
  BOOST_TEST(result.out == "no change\n");
}

BOOST_AUTO_TEST_CASE(a_revision_upgrade_is_compared_with_from_and_to) {
  const TemporaryDirectory dir;
  const auto file = dir.write("web.json", routed);
  const auto result = run_ctrlab({"compare", file.string(), "--from", "2021", "--to", "2022", "--json"});
  BOOST_TEST(result.exit_code == 1);
  const auto changes = nlohmann::json::parse(result.out);
  BOOST_TEST(std::any_of(changes.begin(), changes.end(), [](const nlohmann::json& c) {
    return c["path"] == "containers.web.envFile.path" && c["after"] == "/etc/nixos-containers/web.conf";
  }));
}

BOOST_AUTO_TEST_CASE(usage_mistakes_are_named) {
  const TemporaryDirectory dir;
  const auto file = dir.write("web.json", routed);
  auto result = run_ctrlab({"compare", file.string()});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.err.starts_with("ctrlab compare: with one scenario, give --from R1 and --to R2"));
  result = run_ctrlab({"compare", file.string(), "--from", "2019", "--to", "2022"});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.err.starts_with("ctrlab compare: --from takes 2014, 2018, 2021, 2022 or 2025, not '2019'"));
  const auto bad = dir.write("bad.json", R"({"containers": {"web": {"privateNetwork": "yes"}}})");
  result = run_ctrlab({"compare", bad.string(), file.string()});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.err.find("containers.web.privateNetwork") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(snapshot_and_check)

BOOST_AUTO_TEST_CASE(a_fresh_snapshot_checks_clean_for_every_listed_revision) {
  const TemporaryDirectory dir;
  std::filesystem::create_directories(dir.path() / "suite" / "net");
  static_cast<void>(dir.write("suite/net/web.json", routed));
  const auto suite = (dir.path() / "suite").string();
  const auto snapshots = (dir.path() / "snapshots").string();
  const auto written = run_ctrlab({"snapshot", suite, "--into", snapshots});
  BOOST_TEST(written.exit_code == 0);
  BOOST_TEST(std::filesystem::exists(dir.path() / "snapshots" / "net" / "web.2021.json"));
  BOOST_TEST(std::filesystem::exists(dir.path() / "snapshots" / "net" / "web.2022.json"));
  const auto checked = run_ctrlab({"check", suite, "--against", snapshots});
  BOOST_TEST(checked.exit_code == 0);
  BOOST_TEST(checked.out.find("ok      net/web [2021]") != std::string::npos);
  BOOST_TEST(checked.out.find("2 unchanged, 0 changed, 0 errors") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_changed_option_fails_the_check_with_its_changes_and_reports) {
  const TemporaryDirectory dir;
  const auto file = dir.write("web.json", routed);
  const auto snapshots = (dir.path() / "snapshots").string();
  BOOST_TEST(run_ctrlab({"snapshot", file.string(), "--into", snapshots}).exit_code == 0);
  std::ofstream(file) << with_bridge();
  const auto reports = (dir.path() / "reports").string();
  const auto checked = run_ctrlab({"check", file.string(), "--against", snapshots, "--reports", reports});
  BOOST_TEST(checked.exit_code == 1);
  BOOST_TEST(checked.out.find("CHANGED web [2022]") != std::string::npos);
  BOOST_TEST(checked.out.find("missing    containers.web.envFile.text line 5: predicted HOST_ADDRESS=10.0.0.1, not observed") !=
             std::string::npos);
  BOOST_TEST(std::filesystem::exists(dir.path() / "reports" / "junit.xml"));
}

BOOST_AUTO_TEST_CASE(a_missing_snapshot_is_an_error_case) {
  const TemporaryDirectory dir;
  const auto file = dir.write("web.json", routed);
  const auto checked = run_ctrlab({"check", file.string(), "--against", (dir.path() / "none").string()});
  BOOST_TEST(checked.exit_code == 1);
  BOOST_TEST(checked.out.find("ERROR   web [2021]: no snapshot at ") != std::string::npos);
  BOOST_TEST(checked.out.find("(write it with `ctrlab snapshot`)") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
