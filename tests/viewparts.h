#pragma once

// Test support: what a panel's view shows and how it paints it, taken from
// the view itself, so that no panel needs getters for its tests.

#include <QAbstractItemView>
#include <QSortFilterProxyModel>

namespace parts {

// The view's model when it is a sort and filter proxy (a panel's).
inline QSortFilterProxyModel* proxyOf(const QAbstractItemView* view) {
    auto* proxy = qobject_cast<QSortFilterProxyModel*>(view->model());
    if (!proxy)
        qFatal("the view shows no QSortFilterProxyModel");
    return proxy;
}

// The view's item delegate, of the type the panel installs.
template <class Delegate> Delegate* delegateOf(const QAbstractItemView* view) {
    auto* delegate = qobject_cast<Delegate*>(view->itemDelegate());
    if (!delegate)
        qFatal("the view has no %s", Delegate::staticMetaObject.className());
    return delegate;
}

} // namespace parts
