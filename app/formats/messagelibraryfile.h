#pragma once

#include "formats/sendmessage.h"

#include <QList>
#include <QString>

#include <optional>

namespace sockscope {

// The message library's file (the window's saved messages, exported or
// imported, and a scenario's "library"):
//   {"sockscopeMessages": 1, "messages": [{"name": ..., "format": "text",
//    "text": ..., "lineEnding": "crlf"}, ...]}
struct NamedMessage {
    QString name;
    SendMessage message;
};

QByteArray messageLibraryJson(const QList<NamedMessage>& messages);
// The messages of a document, or nullopt with the reason (naming the bad
// entry) in error.
std::optional<QList<NamedMessage>> parseMessageLibrary(const QByteArray& json, QString* error);
// The same from a file; the reason names the file.
std::optional<QList<NamedMessage>> readMessageLibrary(const QString& path, QString* error);

} // namespace sockscope
