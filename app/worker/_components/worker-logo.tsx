export function WorkerLogo() {
  return (
    <span className="inline-flex items-center gap-2 font-semibold tracking-tight text-stone-900">
      <span aria-hidden className="grid h-8 w-8 place-items-center rounded-full bg-emerald-600 text-sm font-bold text-white">
        W
      </span>
      <span className="text-lg">
        HITdesk <span className="font-normal text-emerald-700">Work</span>
      </span>
    </span>
  );
}
