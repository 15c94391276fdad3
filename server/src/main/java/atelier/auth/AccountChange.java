package atelier.auth;

/**
 * What an administrator changes on an account; a null field is left as it is. The organisation may
 * be cleared (network staff have none), so whether it was sent is carried apart from its value.
 */
public record AccountChange(String name, boolean setOrganisation, String organisation, Boolean disabled, Boolean admin) {}
