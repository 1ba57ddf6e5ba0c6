/** A task simulated workers can answer: a gold answer ("cat") and two choices. */
export const ANIMAL_QUESTION = `<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd"><HTMLContent><![CDATA[<!DOCTYPE html><html><head><meta name="hitdesk:gold" content='{"animal": "cat"}'></head><body>
<form method="post" action="https://workersandbox.mturk.com/mturk/externalSubmit"><input type="hidden" name="assignmentId">
<p>Which animal is in the photo?</p>
<label><input type="radio" name="animal" value="cat"> Cat</label><label><input type="radio" name="animal" value="dog"> Dog</label>
<button>Submit</button></form></body></html>]]></HTMLContent><FrameHeight>300</FrameHeight></HTMLQuestion>`;
