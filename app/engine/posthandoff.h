#pragma once

// Tells ThreadSanitizer the order that Qt's event queue gives a call posted
// to the engine thread: everything the poster did before posting happens
// before the call runs. Qt's queue is locked with a futex-based mutex in a
// library that is not instrumented, so without this TSan reports whatever
// the poster built and the call reads (a sink handed to startRecording,
// for instance) as a race. One token per post, released when the hand-off
// is made and acquired when the call runs, so it orders that call only.
// Outside TSan builds it is empty and costs nothing.

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define SOCKSCOPE_UNDER_TSAN 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define SOCKSCOPE_UNDER_TSAN 1
#endif

#ifdef SOCKSCOPE_UNDER_TSAN
#include <sanitizer/tsan_interface.h>

#include <memory>
#endif

namespace sockscope {

class PostHandOff {
public:
#ifdef SOCKSCOPE_UNDER_TSAN
    PostHandOff()
        : m_token(std::make_unique<char>()) {
        __tsan_release(m_token.get());
    }
    void arrived() const {
        __tsan_acquire(m_token.get());
    }

private:
    std::unique_ptr<char> m_token; // only its address is used
#else
    void arrived() const {
    }
#endif
};

} // namespace sockscope
