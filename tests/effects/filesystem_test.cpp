#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include "ctrlab/oracle/filesystem.hpp"
#include "ctrlab/oracle/judge.hpp"
#include "ctrlab/oracle/parse.hpp"
#include "ctrlab/oracle/predict.hpp"

using namespace ctrlab::oracle;
using Lines = std::vector<std::string>;

namespace {

// `web` with the given options and the system profile path every container needs.
Prediction rendering_of(std::string_view options, Revision revision = Revision::r2022) {
  auto document = nlohmann::json::parse(options);
  document["path"] = "/nix/var/nix/profiles/per-container/web";
  return predict(parse_scenario(nlohmann::json{{"containers", {{"web", document}}}}), revision);
}

ContainerFilesystem filesystem_of(std::string_view containers, Revision revision = Revision::r2022) {
  return predict_filesystems(rendering_of(containers, revision)).at("web");
}

const PredictedMount& mount_at(const ContainerFilesystem& filesystem, const std::string& point) {
  for (const auto& mount : filesystem.mounts) {
    if (mount.mount_point == point) return mount;
  }
  throw std::runtime_error("no mount at " + point);
}

// What a container whose mounts are exactly as predicted would show.
FilesystemObservation as_predicted(const ContainerFilesystem& filesystem) {
  FilesystemObservation observed;
  observed.mounts.emplace();
  for (const auto& mount : filesystem.mounts) {
    observed.mounts->push_back({mount.mount_point, mount.kind == MountKind::tmpfs ? "tmpfs" : "ext4", mount.read_only});
  }
  observed.root_exists_after_stop = !filesystem.root_removed_at_stop;
  return observed;
}

Lines judged(const Prediction& rendering, const FilesystemObservation& seen) {
  Observation observed;
  observed.containers["web"].filesystem = seen;
  const auto verdict = judge(expect(rendering, {}), observed);
  Lines lines;
  for (const auto& difference : verdict.aspect(Aspect::filesystem).differences) lines.push_back(difference.text());
  return lines;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(filesystem_prediction)

BOOST_AUTO_TEST_CASE(each_tmpfs_option_is_a_tmpfs_mount_at_its_path) {
  const auto filesystem = filesystem_of(R"({"tmpfs": ["/var", "/some/random/path"]})");
  BOOST_TEST((mount_at(filesystem, "/var").kind == MountKind::tmpfs));
  BOOST_TEST((mount_at(filesystem, "/some/random/path").kind == MountKind::tmpfs));
  BOOST_TEST(!mount_at(filesystem, "/var").read_only);
}

BOOST_AUTO_TEST_CASE(bind_mounts_are_read_only_unless_the_spec_says_otherwise) {
  const auto filesystem = filesystem_of(R"({"bindMounts": {
      "/data": {"hostPath": "/srv/data"},
      "/scratch": {"hostPath": "/srv/scratch", "isReadOnly": false}}})");
  BOOST_TEST(mount_at(filesystem, "/data").read_only);
  BOOST_TEST(mount_at(filesystem, "/data").source == "/srv/data");
  BOOST_TEST(!mount_at(filesystem, "/scratch").read_only);
  // The module's own binds of the Nix store are mounts too.
  BOOST_TEST(mount_at(filesystem, "/nix/store").read_only);
}

BOOST_AUTO_TEST_CASE(an_ephemeral_root_is_the_units_runtime_directory_and_goes_at_stop) {
  const auto ephemeral = filesystem_of(R"({"ephemeral": true})");
  BOOST_TEST(ephemeral.root == "/run/nixos-containers/web");
  BOOST_TEST(ephemeral.root_removed_at_stop);
  const auto persistent = filesystem_of(R"({})");
  BOOST_TEST(persistent.root == "/var/lib/nixos-containers/web");
  BOOST_TEST(!persistent.root_removed_at_stop);
  BOOST_TEST(filesystem_of(R"({"ephemeral": true})", Revision::r2021).root == "/run/containers/web");
}

BOOST_AUTO_TEST_CASE(a_refused_spec_has_no_filesystem) {
  BOOST_TEST(predict_filesystems(rendering_of(R"({"ephemeral": true})", Revision::r2018)).empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(filesystem_judgement)

BOOST_AUTO_TEST_CASE(mounts_as_predicted_pass_and_nspawns_own_mounts_are_not_judged) {
  const auto rendering = rendering_of(R"({"tmpfs": ["/var"]})");
  auto seen = as_predicted(predict_filesystems(rendering).at("web"));
  seen.mounts->push_back({"/proc", "proc", false});
  BOOST_TEST(judged(rendering, seen) == Lines{});
}

BOOST_AUTO_TEST_CASE(a_missing_mount_and_a_tmpfs_that_is_not_one_are_named) {
  const auto rendering = rendering_of(R"({"tmpfs": ["/var", "/srv"]})");
  auto seen = as_predicted(predict_filesystems(rendering).at("web"));
  std::erase_if(*seen.mounts, [](const ObservedMount& mount) { return mount.mount_point == "/srv"; });
  for (auto& mount : *seen.mounts) {
    if (mount.mount_point == "/var") mount.fstype = "ext4";
  }
  BOOST_TEST(judged(rendering, seen) ==
                 (Lines{"changed    container web mounts[/var]: predicted tmpfs, read-write, observed ext4, read-write",
                        "missing    container web mounts[/srv]: predicted tmpfs, read-write, not observed"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_topmost_mount_at_a_point_is_the_one_judged) {
  const auto rendering = rendering_of(R"({"tmpfs": ["/var"]})");
  auto seen = as_predicted(predict_filesystems(rendering).at("web"));
  seen.mounts->push_back({"/var", "ext4", true});
  BOOST_TEST(judged(rendering, seen) ==
             Lines{"changed    container web mounts[/var]: predicted tmpfs, read-write, observed ext4, read-only"});
}

BOOST_AUTO_TEST_CASE(mounts_of_a_container_that_was_not_running_are_not_judged) {
  const auto rendering = rendering_of(R"({"tmpfs": ["/var"]})");
  FilesystemObservation seen;
  seen.root_exists_after_stop = true;
  BOOST_TEST(judged(rendering, seen) == Lines{});
}

BOOST_AUTO_TEST_CASE(an_ephemeral_root_left_after_the_stop_is_a_difference) {
  const auto rendering = rendering_of(R"({"ephemeral": true})");
  auto seen = as_predicted(predict_filesystems(rendering).at("web"));
  seen.root_exists_after_stop = true;
  BOOST_TEST(judged(rendering, seen) ==
             Lines{"changed    container web root after stop: predicted /run/nixos-containers/web removed, observed "
                   "/run/nixos-containers/web left on the host"});
}

BOOST_AUTO_TEST_CASE(the_observation_survives_its_json_form) {
  FilesystemObservation seen{std::vector<ObservedMount>{{"/var", "tmpfs", false}, {"/nix/store", "ext4", true}}, false};
  Observation observed;
  observed.containers["web"].filesystem = seen;
  nlohmann::json json = observed;
  const auto back = observation_from_json(json);
  const auto& mounts = *back.containers.at("web").filesystem->mounts;
  BOOST_TEST(mounts.size() == 2U);
  BOOST_TEST(mounts[1].read_only);
  BOOST_TEST(mounts[1].fstype == "ext4");
  BOOST_TEST(*back.containers.at("web").filesystem->root_exists_after_stop == false);
}

BOOST_AUTO_TEST_SUITE_END()
