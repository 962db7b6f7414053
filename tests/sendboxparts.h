#pragma once

// The send box's parts, by the object names SendBox gives them.

#include "findpart.h"
#include "messagelibrarybar.h"
#include "sendbox.h"

#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>

namespace parts {

// clang-format off
template <class B> QPlainTextEdit* textEdit(const B& b) { return find<QPlainTextEdit>(b, "sendText"); }
template <class B> QPlainTextEdit* hexEdit(const B& b) { return find<QPlainTextEdit>(b, "sendHex"); }
template <class B> QLineEdit* fileEdit(const B& b) { return find<QLineEdit>(b, "sendFile"); }
template <class B> QLabel* errorLabel(const B& b) { return find<QLabel>(b, "sendError"); }
template <class B> QLabel* hintLabel(const B& b) { return find<QLabel>(b, "sendHint"); }
template <class B> QLabel* targetLabel(const B& b) { return find<QLabel>(b, "sendTarget"); }
template <class B> QPushButton* halfCloseButton(const B& b) { return find<QPushButton>(b, "halfCloseButton"); }
template <class B> QPushButton* closeButton(const B& b) { return find<QPushButton>(b, "closeButton"); }
template <class B> QSpinBox* repeatCountBox(const B& b) { return find<QSpinBox>(b, "repeatCount"); }
template <class B> QSpinBox* repeatIntervalBox(const B& b) { return find<QSpinBox>(b, "repeatInterval"); }
template <class B> sockscope::MessageLibraryBar* libraryBar(const B& b) { return find<sockscope::MessageLibraryBar>(b, "messageLibraryBar"); }
// clang-format on

} // namespace parts
