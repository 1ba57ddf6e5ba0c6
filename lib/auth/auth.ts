import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import type { Provider } from "next-auth/providers";
import { checkCredentials } from "@/lib/auth/credentials";
import { rememberDevice } from "@/lib/auth/login-device";
import { EmailSchema } from "@/lib/auth/schemas";
import { currentLoginClient } from "@/lib/auth/throttled-sign-in";
import { endUserSession, startUserSession } from "@/lib/auth/user-sessions";
import { deriveKey } from "@/lib/crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

class InvalidLogin extends CredentialsSignin {
  override code = "invalid";
}
export class RateLimitedLogin extends CredentialsSignin {
  override code = "rate_limited";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

function oauthProviders(): Provider[] {
  const providers: Provider[] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) {
    providers.push(GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET }));
  }
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) {
    providers.push(Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET }));
  }
  if (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_ID && env.AUTH_OIDC_SECRET) {
    providers.push({
      id: "oidc",
      name: env.AUTH_OIDC_NAME,
      type: "oidc",
      issuer: env.AUTH_OIDC_ISSUER,
      clientId: env.AUTH_OIDC_ID,
      clientSecret: env.AUTH_OIDC_SECRET,
    });
  }
  return providers;
}

/** Names of the configured single sign-on providers, for the login page. */
export function oauthProviderList(): { id: string; name: string }[] {
  return oauthProviders().map((p) => {
    const resolved = typeof p === "function" ? p() : p;
    return { id: resolved.id, name: resolved.name };
  });
}

const config: NextAuthConfig = {
  secret: env.AUTH_SECRET ?? deriveKey("auth-session").toString("base64url"),
  trustHost: true,
  logger: {
    // A wrong password is an expected outcome, not a server error worth a stack trace.
    error(error) {
      if (error instanceof CredentialsSignin || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error(error);
    },
  },
  session: { strategy: "jwt", maxAge: 14 * 24 * 3600 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const result = await checkCredentials(credentials, await currentLoginClient("team", request.headers));
        if (!result.ok) throw result.reason === "rate_limited" ? new RateLimitedLogin(result.retryAfterSeconds) : new InvalidLogin();
        await rememberDevice("team", result.deviceCookie);
        return result.value;
      },
    }),
    ...oauthProviders(),
  ],
  callbacks: {
    // Single sign-on only signs in people who already have a HITdesk login (invited first).
    async signIn({ user, account }) {
      if (!account || account.type === "credentials") return true;
      const email = EmailSchema.safeParse(user.email);
      if (!email.success) return false;
      const existing = await db.user.findUnique({ where: { email: email.data } });
      if (!existing) return "/login?error=NoAccount";
      await db.oAuthAccount.upsert({
        where: { provider_providerAccountId: { provider: account.provider, providerAccountId: account.providerAccountId } },
        create: { provider: account.provider, providerAccountId: account.providerAccountId, userId: existing.id },
        update: {},
      });
      return true;
    },
    // Signing in starts a server-side session; the token only carries its id.
    async jwt({ token, user, account }) {
      if (user && account) {
        const email = EmailSchema.parse(user.email);
        const row = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
        token.uid = row.id;
        token.sid = await startUserSession(row.id);
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, uid: token.uid, sid: token.sid };
    },
  },
  events: {
    // The session ends on the server too: a copy of the cookie stops working with it.
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (sid) await endUserSession(sid);
    },
  },
};

export const { handlers, auth, signIn, signOut } = NextAuth(config);
