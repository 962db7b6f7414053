#pragma once

#include <unistd.h>

#include <utility>

namespace sockscope {

// One owned file descriptor, closed when the owner goes: every early return
// of a socket set-up (bind failed, listen failed, fstat said "a FIFO") used
// to need its own ::close(), and one forgotten was a descriptor leaked per
// failure. Move-only, like std::unique_ptr; -1 means none.
class UniqueFd final {
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd)
        : m_fd(fd) {}
    ~UniqueFd() { reset(); }

    UniqueFd(UniqueFd&& other) noexcept
        : m_fd(other.release()) {}
    UniqueFd& operator=(UniqueFd&& other) noexcept {
        reset(other.release());
        return *this;
    }
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;

    int get() const { return m_fd; }
    bool isValid() const { return m_fd >= 0; }

    // Gives the descriptor up without closing it.
    [[nodiscard]] int release() { return std::exchange(m_fd, -1); }
    // Closes the descriptor held, if any, and holds fd instead. The close's
    // result is not looked at: on Linux the descriptor is gone even when
    // close() fails (EINTR included), so retrying could close another one.
    void reset(int fd = -1) {
        const int old = std::exchange(m_fd, fd);
        if (old >= 0 && old != fd)
            ::close(old);
    }

private:
    int m_fd = -1;
};

} // namespace sockscope
