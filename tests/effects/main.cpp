#define BOOST_TEST_MODULE effects
#include <boost/test/unit_test.hpp>
