#pragma once

// Tells ThreadSanitizer the order that Qt's event queue gives a call posted
// to another thread (the engine's, or back from it or a worker): everything the poster did before
// posting happens before the call runs. Qt's queue is locked with a futex-based mutex in a library
// that is not instrumented, so without this TSan reports whatever the poster built and the call
// reads (a sink handed to startRecording, for instance) as a race. One token per post, released
// when the hand-off is made and acquired when the call runs, so it orders that call only. The other
// way too: Qt may destroy the posted functor on the posting thread (invokeMethod keeps a reference
// to it and drops it after the post), after the call ran on the other one; what the call read must
// come before that destruction frees what the functor holds (a batch's payloads). So the call
// releases the token again when it has run, and the hand-off, destroyed before the rest of the
// functor, acquires it. Outside TSan builds it is empty and costs nothing.

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define SOCKSCOPE_UNDER_TSAN 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define SOCKSCOPE_UNDER_TSAN 1
#endif

#include <utility>

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
    PostHandOff(PostHandOff&&) = default;
    PostHandOff& operator=(PostHandOff&&) = default;
    ~PostHandOff() {
        if (m_token)
            __tsan_acquire(m_token.get());
    }
    void arrived() const {
        __tsan_acquire(m_token.get());
    }
    void ran() const {
        __tsan_release(m_token.get());
    }

private:
    std::unique_ptr<char> m_token; // only its address is used
#else
    void arrived() const {
    }
    void ran() const {
    }
#endif
};

// fn, to be posted, with its hand-off: made before the post (after fn, so
// everything fn carries is released with it), and destroyed before fn, so
// the acquire comes before fn's captures are freed, wherever that is.
template <typename Fn> class HandedOff {
public:
    explicit HandedOff(Fn fn)
        : m_fn(std::move(fn)) {}
    void operator()() {
        m_handOff.arrived();
        m_fn();
        m_handOff.ran();
    }

private:
    Fn m_fn;
    PostHandOff m_handOff; // after m_fn: built after it, destroyed before it
};

} // namespace sockscope
