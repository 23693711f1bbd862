#define BOOST_TEST_MODULE netlink
#include <boost/test/unit_test.hpp>
