#pragma once

// Test support: a widget's parts, found as accessibility tools find them, by
// their object names, so that no class needs getters for its tests.

#include <QObject>
#include <QPointer>
#include <QString>
#include <QtGlobal>

#include <memory>

namespace parts {

inline const QObject* objectOf(const QObject& object) {
    return &object;
}
inline const QObject* objectOf(const QObject* object) {
    return object;
}
template <class T> const QObject* objectOf(const std::unique_ptr<T>& object) {
    return object.get();
}
template <class T> const QObject* objectOf(const QPointer<T>& object) {
    return object.data();
}

// The child of that type and name; a missing one ends the test run
// at once, naming it.
template <class T, class Window> T* find(const Window& window, const char* name) {
    const QObject* object = objectOf(window);
    T* found = object ? object->findChild<T*>(QLatin1StringView(name)) : nullptr;
    if (!found)
        qFatal("the window has no %s named %s", T::staticMetaObject.className(), name);
    return found;
}

// The child of that type with that object name, or with that accessible
// name (what a screen reader says); a missing one ends the test run.
template <typename T> T* named(QObject* root, const QString& name) {
    T* child = root->findChild<T*>(name);
    if (!child)
        qFatal("no child named %s", qPrintable(name));
    return child;
}

template <typename T> T* byAccessibleName(QObject* root, const QString& name) {
    for (T* child : root->findChildren<T*>()) {
        if (child->accessibleName() == name)
            return child;
    }
    qFatal("no child with the accessible name %s", qPrintable(name));
}

} // namespace parts
