# Paths the tests read, known at configure time.
set(CTRLAB_SOURCE_DIR "${PROJECT_SOURCE_DIR}")
# The ground truth the oracle is held against: a folder `shared` beside the checkout when it
# holds ground truth (it may hold more cases than the repository), else the copy committed
# under tests/data (tests/data/groundtruth/README.md). -DCTRLAB_SHARED_DIR=DIR chooses.
if(EXISTS "${PROJECT_SOURCE_DIR}/../shared/groundtruth/cases")
  set(default_shared_dir "${PROJECT_SOURCE_DIR}/../shared")
else()
  set(default_shared_dir "${PROJECT_SOURCE_DIR}/tests/data")
endif()
set(CTRLAB_SHARED_DIR "${default_shared_dir}" CACHE PATH "A folder holding groundtruth/cases/*.json")
