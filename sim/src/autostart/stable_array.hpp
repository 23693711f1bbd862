#pragma once

#include <cstddef>
#include <memory>
#include <new>
#include <utility>

namespace ctrlab::sim {

// A fixed-capacity array of objects that never move (they point at each other), built in
// place one by one, in one allocation: a million container models cost one malloc, not a
// million as with std::deque of large elements.
template <typename T>
class StableArray {
 public:
  explicit StableArray(std::size_t capacity)
      : storage_(static_cast<T*>(::operator new(capacity * sizeof(T), std::align_val_t{alignof(T)}))),
        capacity_(capacity) {}
  StableArray(const StableArray&) = delete;
  StableArray& operator=(const StableArray&) = delete;
  ~StableArray() {
    while (size_ > 0) storage_[--size_].~T();
    ::operator delete(storage_, std::align_val_t{alignof(T)});
  }

  template <typename... Args>
  T& emplace_back(Args&&... args) {
    if (size_ == capacity_) throw std::bad_alloc();
    T* slot = ::new (static_cast<void*>(storage_ + size_)) T(std::forward<Args>(args)...);
    ++size_;
    return *slot;
  }

  [[nodiscard]] std::size_t size() const { return size_; }
  T& operator[](std::size_t index) { return storage_[index]; }
  T* begin() { return storage_; }
  T* end() { return storage_ + size_; }

 private:
  T* storage_;
  std::size_t capacity_;
  std::size_t size_ = 0;
};

}  // namespace ctrlab::sim
