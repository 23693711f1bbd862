// The user namespace systemd-nspawn 252 gives a container (--private-users), predicted and judged.
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include "ctrlab/oracle/judge.hpp"
#include "ctrlab/oracle/parse.hpp"
#include "ctrlab/oracle/predict.hpp"
#include "ctrlab/oracle/user_namespace.hpp"
#include "printing.hpp"

using namespace ctrlab::oracle;
using Lines = std::vector<std::string>;

namespace {

Expectation with_extra_flags(const std::string& flags, const std::string& name = "web") {
  const auto scenario = parse_scenario_file(R"({"containers": {")" + name + R"(": {"extraFlags": )" + flags +
                                            R"(, "path": "/nix/var/nix/profiles/per-container/)" + name + R"("}}})");
  return expect(predict(scenario, Revision::r2022), {});
}

const ContainerUsers& predicted_users(const Expectation& expected, const std::string& name = "web") {
  return expected.effects.containers.at(name).users.value();
}

// An observation of the one container "web": its namespace, as given.
Observation seen(bool own, std::vector<IdMapping> uid_map) {
  Observation observation;
  observation.containers["web"].users = ObservedUsers{own, std::move(uid_map)};
  return observation;
}

Lines texts(const AspectVerdict& verdict) {
  Lines lines;
  for (const auto& difference : verdict.differences) lines.push_back(difference.text());
  return lines;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(user_namespaces)

// The bases a real --private-users=pick got from systemd-nspawn 252 inside the sandbox host,
// whose roots were owned by root ("Selected user namespace base N and range 65536.").
BOOST_AUTO_TEST_CASE(pick_hashes_the_machine_name_as_nspawn_252_did) {
  BOOST_TEST(nspawn_hashed_uid_base("mapped") == 1824915456U);
  BOOST_TEST(nspawn_hashed_uid_base("tryone") == 331087872U);
}

BOOST_AUTO_TEST_CASE(every_hashed_base_is_a_64k_block_in_picks_range) {
  for (const auto* name : {"a", "web", "mapped", "averyverylongname", "x-1"}) {
    const auto base = nspawn_hashed_uid_base(name);
    BOOST_TEST_CONTEXT(name) {
      BOOST_TEST(base % 0x10000U == 0U);
      BOOST_TEST(base >= 0x00080000U);
      BOOST_TEST(base <= 0x6FFF0000U);
    }
  }
}

BOOST_AUTO_TEST_CASE(the_values_are_read_as_nspawn_reads_them) {
  BOOST_TEST((private_users_value("pick").mode == UserNamespaceMode::pick));
  for (const auto* shared : {"no", "false", "off", "n", "f"}) {
    BOOST_TEST_CONTEXT(shared) { BOOST_TEST((private_users_value(shared).mode == UserNamespaceMode::shared)); }
  }
  const auto identity = private_users_value("identity");
  BOOST_TEST((identity.mode == UserNamespaceMode::fixed));
  BOOST_TEST(identity.base.value_or(1) == 0U);
  BOOST_TEST(!private_users_value("yes").base.has_value());
  // Digits are a base, never a boolean: "0" maps the host's ids from 0, "1" from 1.
  BOOST_TEST(private_users_value("0").base.value_or(1) == 0U);
  BOOST_TEST(private_users_value("1").base.value_or(0) == 1U);
  const auto fixed = private_users_value("268435456:131072");
  BOOST_TEST(fixed.base.value_or(0) == 268435456U);
  BOOST_TEST(fixed.range == 131072U);
}

// "0x10000000:65536" is what nspawn 252 refused in the sandbox host, with this message.
BOOST_AUTO_TEST_CASE(nspawn_refuses_a_base_that_is_not_decimal_and_a_range_that_overflows) {
  BOOST_TEST(private_users_value("0x10000000:65536").refusal.value_or("") == "Failed to parse UID \"0x10000000:65536\": Invalid argument");
  BOOST_TEST(private_users_value("65536:0").refusal.value_or("") == "UID range cannot be empty or go beyond 4294967295.");
  BOOST_TEST(private_users_value("4294901760:131072").refusal.has_value());
  BOOST_TEST(!private_users_value("4294901760:65535").refusal.has_value());
  const auto expected = with_extra_flags(R"(["--private-users=0x10000000:65536"])");
  BOOST_TEST(expected.effects.containers.at("web").unit_failure.value_or("") ==
             "systemd-nspawn refuses its command line (exit status 1): Failed to parse UID \"0x10000000:65536\": Invalid argument");
  BOOST_TEST(!expected.effects.containers.at("web").users.has_value());
}

BOOST_AUTO_TEST_CASE(the_last_option_decides_and_minus_u_is_pick) {
  BOOST_TEST((user_namespace_request({"systemd-nspawn", "-U", "-D", "/r"}).mode == UserNamespaceMode::pick));
  BOOST_TEST((user_namespace_request({"systemd-nspawn", "--private-users=pick", "--private-users=no"}).mode ==
              UserNamespaceMode::shared));
  BOOST_TEST(user_namespace_request({"systemd-nspawn", "--private-users"}).value == "yes");
  BOOST_TEST((user_namespace_request({"systemd-nspawn", "-D", "/r"}).mode == UserNamespaceMode::shared));
}

BOOST_AUTO_TEST_CASE(the_predicted_uid_map_follows_the_mode_and_the_roots_owner) {
  BOOST_TEST(!predicted_users(with_extra_flags("[]")).own_namespace);
  const auto pick = predicted_users(with_extra_flags(R"(["--private-users=pick"])", "mapped"), "mapped");
  BOOST_TEST(pick.own_namespace);
  BOOST_TEST(to_string(pick.uid_map.value()) == "0 1824915456 65536");
  BOOST_TEST(to_string(predicted_users(with_extra_flags(R"(["--private-users=identity"])")).uid_map.value()) == "0 0 65536");
  BOOST_TEST(to_string(predicted_users(with_extra_flags(R"(["--private-users=65536:1000"])")).uid_map.value()) == "0 65536 1000");
  // yes: the root directory's owner's block; the start script makes the root as root.
  BOOST_TEST(to_string(predicted_users(with_extra_flags(R"(["--private-users"])")).uid_map.value()) == "0 0 65536");
  // pick takes the root's owner's block first, when it lies in pick's range.
  const auto owned = predict_container_users(private_users_value("pick"), "mapped", 0x00120005U, false);
  BOOST_TEST(to_string(owned.uid_map.value()) == "0 1179648 65536");
  const auto out_of_range = predict_container_users(private_users_value("pick"), "mapped", 0x70000000U, false);
  BOOST_TEST(to_string(out_of_range.uid_map.value()) == "0 1824915456 65536");
}

BOOST_AUTO_TEST_CASE(two_containers_that_hash_to_one_base_get_no_predicted_map) {
  const auto contended = predict_container_users(private_users_value("pick"), "mapped", 0, true);
  BOOST_TEST(contended.own_namespace);
  BOOST_TEST(!contended.uid_map.has_value());
  // Same name hashed twice through -M: the same base.
  const auto scenario = parse_scenario_file(R"({"containers": {
      "one": {"extraFlags": ["--private-users=pick", "-M", "same"], "path": "/nix/var/nix/profiles/per-container/one"},
      "two": {"extraFlags": ["--private-users=pick", "-M", "same"], "path": "/nix/var/nix/profiles/per-container/two"}}})");
  const auto expected = expect(predict(scenario, Revision::r2022), {});
  BOOST_TEST(!predicted_users(expected, "one").uid_map.has_value());
  BOOST_TEST(!predicted_users(expected, "two").uid_map.has_value());
}

BOOST_AUTO_TEST_CASE(a_uid_map_line_is_read_with_the_kernels_padding) {
  BOOST_TEST(to_string(parse_id_mapping("         0 1824915456      65536\n").value()) == "0 1824915456 65536");
  BOOST_TEST(!parse_id_mapping("0 1824915456").has_value());
  BOOST_TEST(!parse_id_mapping("0 1 2 3").has_value());
}

BOOST_AUTO_TEST_CASE(the_users_aspect_holds_the_namespace_and_its_uid_map) {
  const auto expected = with_extra_flags(R"(["--private-users=identity"])");
  BOOST_TEST((judge(expected, Observation{}).aspect(Aspect::users).status == AspectStatus::not_observed));
  const auto same = judge(expected, seen(true, {{0, 0, 65536}})).aspect(Aspect::users);
  BOOST_TEST((same.status == AspectStatus::passed));
  BOOST_TEST(same.summary == "as predicted in 1 container");
  BOOST_TEST(texts(judge(expected, seen(true, {{0, 65536, 65536}})).aspect(Aspect::users)) ==
                 Lines{"changed    container web uid_map: predicted 0 0 65536, observed 0 65536 65536"},
             boost::test_tools::per_element());
  BOOST_TEST(texts(judge(expected, seen(false, {})).aspect(Aspect::users)) ==
                 Lines{"changed    container web user namespace: predicted its own, observed the host's"},
             boost::test_tools::per_element());
  const auto shared = with_extra_flags("[]");
  BOOST_TEST((judge(shared, seen(false, {})).aspect(Aspect::users).status == AspectStatus::passed));
}

BOOST_AUTO_TEST_CASE(a_map_the_model_cannot_predict_is_a_note_not_a_failure) {
  const auto scenario = parse_scenario_file(R"({"containers": {
      "web": {"extraFlags": ["--private-users=pick", "-M", "same"], "path": "/nix/var/nix/profiles/per-container/web"},
      "two": {"extraFlags": ["--private-users=pick", "-M", "same"], "path": "/nix/var/nix/profiles/per-container/two"}}})");
  const auto expected = expect(predict(scenario, Revision::r2022), {});
  const auto verdict = judge(expected, seen(true, {{0, 331087872, 65536}})).aspect(Aspect::users);
  BOOST_TEST((verdict.status == AspectStatus::passed));
  BOOST_REQUIRE(verdict.notes.size() == 1U);
  BOOST_TEST(verdict.notes.front().starts_with("container web uid_map 0 331087872 65536 (not predicted: pick:"));
}

BOOST_AUTO_TEST_CASE(the_observation_survives_its_record) {
  auto observation = seen(true, {{0, 1824915456, 65536}});
  nlohmann::json record = observation;
  const auto read = observation_from_json(record);
  BOOST_TEST(read.containers.at("web").users->own_namespace);
  BOOST_TEST(to_string(read.containers.at("web").users->uid_map.at(0)) == "0 1824915456 65536");
  record["containers"]["web"]["users"]["uidMap"][0] = "zero";
  BOOST_CHECK_EXCEPTION((void)observation_from_json(record), InputError, [](const InputError& error) {
    return std::string(error.what()).find("containers.web.users.uidMap[0]") != std::string::npos;
  });
}

BOOST_AUTO_TEST_SUITE_END()
