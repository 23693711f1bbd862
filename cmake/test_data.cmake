# Paths the tests read, known at configure time.
set(CTRLAB_SOURCE_DIR "${PROJECT_SOURCE_DIR}")
# The ground truth the oracle is held against: the workplace's shared folder when it is beside
# the checkout (it may hold more cases), else the copy committed under tests/data.
if(EXISTS "${PROJECT_SOURCE_DIR}/../shared/groundtruth/cases")
  set(default_shared_dir "${PROJECT_SOURCE_DIR}/../shared")
else()
  set(default_shared_dir "${PROJECT_SOURCE_DIR}/tests/data")
endif()
set(CTRLAB_SHARED_DIR "${default_shared_dir}" CACHE PATH "A folder holding groundtruth/cases/*.json")
