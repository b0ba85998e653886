/* test-dbus-activation.c: D-Bus starts Talkie from its service file
 *
 * The desktop file says DBusActivatable=true, so GNOME Shell starts Talkie by
 * calling org.freedesktop.Application.Activate on io.github.talkie.Talkie and
 * letting the bus run the Exec line of the installed service file. This test
 * does the same on a private bus whose service directory holds the service
 * file made from data/io.github.talkie.Talkie.service.in, pointing at the
 * built binary. Runs under Xvfb (talkie-test-env --x11).
 *
 * Copyright 2026 The Talkie developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-dbus-activation"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "data-test-util.h"

#define APP_PATH "/io/github/talkie/Talkie"
#define TALKIE_BINARY TOP_BUILDDIR "/src/ui/talkie"

static char *
name_owner (GDBusConnection *bus)
{
  g_autoptr(GVariant) reply = NULL;
  char *owner = NULL;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetNameOwner",
                                       g_variant_new ("(s)", APP_ID), G_VARIANT_TYPE ("(s)"),
                                       G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(s)", &owner);

  return owner;
}

static void
write_service_file (const char *services_dir)
{
  g_autofree char *template_path = g_build_filename (TOP_SRCDIR, "data", APP_ID ".service.in", NULL);
  g_autofree char *template = data_test_read_file (template_path);
  g_autofree char *bindir = g_build_filename (TOP_BUILDDIR, "src", "ui", NULL);
  g_autofree char *service_path = g_build_filename (services_dir, APP_ID ".service", NULL);
  g_autoptr(GString) service = g_string_new (template);
  g_autoptr(GError) error = NULL;

  g_string_replace (service, "@app_id@", APP_ID, 0);
  g_string_replace (service, "@bindir@", bindir, 0);
  g_assert_null (strstr (service->str, "@"));

  g_file_set_contents (service_path, service->str, -1, &error);
  g_assert_no_error (error);
}

static void
test_activation (void)
{
  g_autoptr(GTestDBus) test_bus = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *services_dir = NULL;
  g_autofree char *owner = NULL;

  if (!g_file_test (TALKIE_BINARY, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip (TALKIE_BINARY " is not built yet");
      return;
    }

  services_dir = g_dir_make_tmp ("talkie-services-XXXXXX", &error);
  g_assert_no_error (error);
  write_service_file (services_dir);

  test_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_add_service_dir (test_bus, services_dir);
  g_test_dbus_up (test_bus);

  bus = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (test_bus),
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, &error);
  g_assert_no_error (error);

  owner = name_owner (bus);
  g_assert_null (owner);

  /* What the desktop does for DBusActivatable=true: the bus starts Talkie. */
  reply = g_dbus_connection_call_sync (bus, APP_ID, APP_PATH,
                                       "org.freedesktop.Application", "Activate",
                                       g_variant_new ("(a{sv})", NULL), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, 120 * 1000, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&reply, g_variant_unref);

  owner = name_owner (bus);
  g_assert_nonnull (owner);
  g_test_message ("%s started by the bus as %s", APP_ID, owner);
  g_clear_pointer (&owner, g_free);

  /* And it goes away again through its own quit action. */
  reply = g_dbus_connection_call_sync (bus, APP_ID, APP_PATH,
                                       "org.gtk.Actions", "Activate",
                                       g_variant_new ("(sava{sv})", "quit", NULL, NULL), NULL,
                                       G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL, &error);
  g_assert_no_error (error);

  while ((owner = name_owner (bus)) != NULL)
    {
      g_clear_pointer (&owner, g_free);
      g_usleep (G_USEC_PER_SEC / 10);
    }

  g_dbus_connection_close_sync (bus, NULL, NULL);
  g_test_dbus_down (test_bus);

  data_test_rm_rf (services_dir, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* The bus started here has no accessibility bus to offer the app. */
  g_setenv ("GTK_A11Y", "none", TRUE);

  g_test_add_func ("/data/dbus-activation", test_activation);

  return g_test_run ();
}
